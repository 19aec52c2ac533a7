package dev.gatehouse.ratelimit;

import dev.gatehouse.http.ClientIp;
import dev.gatehouse.token.BearerAuthFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Per-IP request limits ({@link RequestLimits}), checked before authentication so a flood costs no
 * client authentication. Resources that take a bearer token are counted by the bearer check
 * instead, in the same Redis round trip as its denylist lookup; introspection and revocation
 * count theirs in their client authentication's round trip.
 */
public class RateLimitFilter {

    private final RequestLimits limits;

    public RateLimitFilter(RequestLimits limits) {
        this.limits = limits;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Uni<Void> limit(ContainerRequestContext request, HttpServerRequest http, ResourceInfo resource) {
        if (BearerAuthFilter.bindingOf(resource) != null) {
            return Uni.createFrom().voidItem(); // counted by BearerAuthFilter with its denylist lookup
        }
        Limit limit = limits.limitFor(request.getUriInfo().getPath(), ClientIp.of(http));
        if (limit == null) {
            return Uni.createFrom().voidItem();
        }
        return limits.count(limit, List.of()).replaceWithVoid();
    }
}
