package dev.gatehouse.ratelimit;

import dev.gatehouse.audit.Outcome;
import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ClientIp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.UUID;

/**
 * Per-IP request limits, checked before authentication so a flood costs no token verification:
 * {@code /api/**} and the introspection and revocation endpoints.
 */
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final Limits limits;
    private final RateLimitState state;
    private final AuditLog audit;

    public RateLimitFilter(RateLimiter limiter, Limits limits, RateLimitState state, AuditLog audit) {
        this.audit = audit;
        this.limiter = limiter;
        this.limits = limits;
        this.state = state;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Uni<Void> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        Limit limit = limitFor(path, ClientIp.of(http));
        if (limit == null) {
            return Uni.createFrom().voidItem();
        }
        return limiter.hit(UUID.randomUUID().toString(), List.of(limit)).invoke(decision -> {
            state.record(decision);
            if (!decision.allowed()) {
                audit.record(AuditEventType.RATE_LIMITED, Outcome.FAILURE, null, null, limit.name());
                throw new ApiException(ErrorCode.RATE_LIMITED, "Too many requests; retry after the time in Retry-After");
            }
        }).replaceWithVoid();
    }

    private Limit limitFor(String path, String ip) {
        if (path.startsWith("/api/")) {
            return limits.api(ip);
        }
        if (path.equals("/oauth2/introspect") || path.equals("/oauth2/revoke")) {
            return limits.oauth(ip);
        }
        return null;
    }
}
