package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.ErrorResponses;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first handler of every request: arranges the contract's security headers
 * ({@link SecurityHeaders}), gives the request an {@code X-Request-Id} (echoed on the response,
 * recorded by audit events) and refuses a declared body larger than the limit with the contract's
 * 413 body, before anything reads it.
 */
public class RequestGuards {

    /** Routing-context key under which the request id is kept. */
    public static final String REQUEST_ID = "gatehouse.request-id";

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final long maxBodyBytes;
    private final String tooLargeBody;
    private final SecurityHeaders securityHeaders;

    public RequestGuards(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
            ObjectMapper json,
            SecurityHeaders securityHeaders)
            throws JsonProcessingException {
        this.securityHeaders = securityHeaders;
        this.maxBodyBytes = maxBody.asLongValue();
        this.tooLargeBody = ErrorResponses.json(
                json, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes");
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    /** The management interface (every {@code /q/*} path) gets the same first handler. */
    void registerManagement(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        securityHeaders.applyTo(context);
        String requestId = UUID.randomUUID().toString();
        context.put(REQUEST_ID, requestId);
        context.response().putHeader(REQUEST_ID_HEADER, requestId);
        if (declaredLength(context) > maxBodyBytes) {
            context.response()
                    .setStatusCode(ErrorCode.PAYLOAD_TOO_LARGE.status())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("Connection", "close")
                    .end(tooLargeBody);
            return;
        }
        context.next();
    }

    private static long declaredLength(RoutingContext context) {
        String value = context.request().getHeader("Content-Length");
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
