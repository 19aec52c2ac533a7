package dev.gatehouse.audit;

import dev.gatehouse.http.ClientIp;
import dev.gatehouse.http.RequestGuards;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the {@link AuditOrigin} of the current HTTP request: the client IP ({@link ClientIp}: the
 * socket's peer, or the forwarded address behind trusted proxies), the {@code User-Agent}
 * and the request id set by {@link RequestGuards}. Works anywhere in a request's reactive chain
 * (the request context travels with Vert.x's duplicated context); outside a request it answers
 * {@link AuditOrigin#NONE}.
 */
@ApplicationScoped
public class AuditContext {

    private final CurrentVertxRequest currentRequest;

    public AuditContext(CurrentVertxRequest currentRequest) {
        this.currentRequest = currentRequest;
    }

    /** The origin of the request being served, or {@link AuditOrigin#NONE}. */
    public AuditOrigin current() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext == null || !requestContext.isActive()) {
            return AuditOrigin.NONE;
        }
        try {
            RoutingContext routing = currentRequest.getCurrent();
            return routing == null ? AuditOrigin.NONE : of(routing);
        } catch (RuntimeException e) {
            // a request context without an HTTP request (e.g. a scheduled job)
            return AuditOrigin.NONE;
        }
    }

    /** The origin of a request given its routing context (for Vert.x route handlers). */
    public static AuditOrigin of(RoutingContext routing) {
        Object requestId = routing.get(RequestGuards.REQUEST_ID);
        return new AuditOrigin(
                ClientIp.address(routing.request()),
                routing.request().getHeader("User-Agent"),
                requestId == null ? null : requestId.toString());
    }
}
