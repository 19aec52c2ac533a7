package dev.gatehouse.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error responses in the contract's shape; also used by filters that answer directly. */
public final class ErrorResponses {

    /** Seconds a client waits before retrying after a store fault (503): long enough for a failover. */
    public static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    /**
     * Routing-context key set when a request was answered before its work finished (the request
     * deadline): a failure of that work afterwards, writing to the answered response included, is
     * no one's answer and no new fault.
     */
    public static final String ANSWERED_EARLY = "gatehouse.answered-early";

    /** What a 503 {@code temporarily_unavailable} tells the client. */
    public static final String UNAVAILABLE_DESCRIPTION = "The service cannot answer right now; try again shortly";

    private ErrorResponses() {}

    /** The contract's error body as JSON text, for handlers that answer before JAX-RS (Vert.x routes). */
    public static String json(ObjectMapper json, ErrorCode code, String description) throws JsonProcessingException {
        return json.writeValueAsString(new ApiError(code.code(), description));
    }

    public static Response of(ErrorCode code, String description, String challenge) {
        return of(code, code.status(), description, challenge);
    }

    public static Response of(ErrorCode code, int status, String description, String challenge) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(new ApiError(code.code(), description));
        if (challenge != null) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        // RFC 9110 §10.2.3: tell the client when to try again
        if (status == 503) {
            builder.header(HttpHeaders.RETRY_AFTER, UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }
}
