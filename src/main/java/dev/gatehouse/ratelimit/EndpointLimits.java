package dev.gatehouse.ratelimit;

import dev.gatehouse.http.ClientIp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-IP limits of unauthenticated endpoints whose every request costs something, counted before
 * the request is read (CWE-770): {@code POST /auth/register} (a password hash, a taken email too;
 * {@code gatehouse.rate-limit.register}) and {@code GET /oauth2/authorize} (a pending login kept
 * in Redis for 10 minutes; {@code gatehouse.rate-limit.authorize}, which {@code GET /oauth2/logout}
 * shares: its confirmation page keeps a pending logout as long), {@code POST /oauth2/device_authorization}
 * (a device code kept in Redis; {@code gatehouse.rate-limit.device-authorization}) and {@code POST /oauth2/device}
 * (a user code tried: RFC 8628 §5.1 guessing; {@code gatehouse.rate-limit.device-code}). Past a limit: 429
 * {@code rate_limited} with {@code Retry-After}.
 */
public class EndpointLimits {

    private final RequestLimits requests;
    private final Limits limits;

    public EndpointLimits(RequestLimits requests, Limits limits) {
        this.requests = requests;
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Void> count(ContainerRequestContext context, HttpServerRequest http) {
        String path = context.getUriInfo().getPath();
        Limit limit = null;
        if ("POST".equals(context.getMethod()) && "/auth/register".equals(path)) {
            limit = limits.register(ClientIp.of(http));
        } else if ("GET".equals(context.getMethod())
                && ("/oauth2/authorize".equals(path) || "/oauth2/logout".equals(path))) {
            limit = limits.authorize(ClientIp.of(http));
        } else if ("POST".equals(context.getMethod()) && "/oauth2/device_authorization".equals(path)) {
            limit = limits.deviceAuthorization(ClientIp.of(http));
        } else if ("POST".equals(context.getMethod()) && "/oauth2/device".equals(path)) {
            limit = limits.deviceCode(ClientIp.of(http));
        }
        return limit == null ? Uni.createFrom().voidItem() : requests.count(limit);
    }
}
