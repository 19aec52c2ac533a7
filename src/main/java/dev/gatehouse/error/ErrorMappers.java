package dev.gatehouse.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gatehouse.metrics.StoreMetrics;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become the contract's error body. Clients get a code and a
 * sentence written for them; class names, stack traces and SQL only ever reach the log.
 */
public class ErrorMappers {

    private final StoreMetrics metrics;

    public ErrorMappers(StoreMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response response = ErrorResponses.of(e.code(), e.status(), e.description(), challenge(e));
        if (!e.headers().isEmpty()) {
            Response.ResponseBuilder withHeaders = Response.fromResponse(response);
            e.headers().forEach(withHeaders::header);
            response = withHeaders.build();
        }
        if (e.retryAfterSeconds() < 0) {
            return response;
        }
        // replaces the default of a 503 (ErrorResponses)
        return Response.fromResponse(response)
                .header("Retry-After", null)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .build();
    }

    /** The token was not for this endpoint (RFC 6750 §3.1): a scope or, for the admin scope, the role is missing. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return apiException(new ApiException(
                ErrorCode.INSUFFICIENT_SCOPE, "The access token does not grant the scope this endpoint needs"));
    }

    /** No access token came with a request that needs one (RFC 6750 §3.1: no error code then). */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return apiException(ApiException.tokenRequired());
    }

    /** Authentication of a protected request failed; the mechanism's own refusal (401, 429, 503) wins. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, RoutingContext context) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return apiException(refusal);
            }
        }
        return unexpected(e.getCause() == null ? e : e.getCause(), context);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        Log.debugf("Malformed JSON body: %s", e.getOriginalMessage());
        return ErrorResponses.of(
                ErrorCode.INVALID_REQUEST, "The request body is not valid JSON of the expected shape", null);
    }

    /** Quarkus maps this subclass itself; ours must be as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        String description = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(ErrorMappers::describe)
                .findFirst()
                .orElse("The request is invalid");
        return ErrorResponses.of(ErrorCode.INVALID_REQUEST, description, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext context) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, context);
        }
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.INVALID_TOKEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorCode.INVALID_REQUEST;
        };
        Response response = ErrorResponses.of(code, describe(status), null);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null
                ? response
                : Response.fromResponse(response)
                        .header(HttpHeaders.ALLOW, allow)
                        .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext context) {
        if (context != null && context.get(ErrorResponses.ANSWERED_EARLY) != null) {
            Log.debugf("A request answered 503 at its deadline finished later with %s", e.toString());
            return ErrorResponses.of(ErrorCode.TEMPORARILY_UNAVAILABLE, ErrorResponses.UNAVAILABLE_DESCRIPTION, null);
        }
        if (Faults.isInfrastructure(e)) {
            FaultLog.error(metrics.fault(e), "PostgreSQL or Redis fault: " + e);
            return ErrorResponses.of(ErrorCode.TEMPORARILY_UNAVAILABLE, ErrorResponses.UNAVAILABLE_DESCRIPTION, null);
        }
        Log.error("Unexpected failure", e);
        return ErrorResponses.of(ErrorCode.SERVER_ERROR, "The server could not complete the request", null);
    }

    private static String challenge(ApiException e) {
        if (e.challenge() != null) {
            return e.challenge();
        }
        return switch (e.code()) {
            // RFC 6750 §3: the error code of a presented but unusable token
            case INVALID_TOKEN -> "Bearer error=\"invalid_token\", error_description=\"" + e.description() + "\"";
            case INSUFFICIENT_SCOPE ->
                "Bearer error=\"insufficient_scope\", error_description=\"" + e.description() + "\"";
            default -> null;
        };
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return field + ": " + violation.getMessage();
    }

    private static String describe(int status) {
        return switch (status) {
            case 401 -> "Authentication is required";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "The requested media type cannot be produced";
            case 413 -> "The request body is too large";
            case 415 -> "The content type is not supported; send " + MediaType.APPLICATION_JSON;
            default -> "The request is invalid";
        };
    }
}
