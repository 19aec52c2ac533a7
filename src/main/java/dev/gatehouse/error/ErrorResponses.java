package dev.gatehouse.error;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error responses in the contract's shape; also used by filters that answer directly. */
public final class ErrorResponses {

    private ErrorResponses() {
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
        return builder.build();
    }
}
