package dev.gatehouse.ratelimit;

import dev.gatehouse.http.ClientIp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Counts every {@code POST /auth/register} against {@code gatehouse.rate-limit.register} per
 * client IP before the request is read: each registration costs a password hash, the taken email
 * too (CWE-770). Past the limit: 429 {@code rate_limited} with {@code Retry-After}.
 */
public class RegistrationLimit {

    static final String PATH = "/auth/register";

    private final RequestLimits requests;
    private final Limits limits;

    public RegistrationLimit(RequestLimits requests, Limits limits) {
        this.requests = requests;
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Void> count(ContainerRequestContext context, HttpServerRequest http) {
        if (!"POST".equals(context.getMethod()) || !PATH.equals(context.getUriInfo().getPath())) {
            return Uni.createFrom().voidItem();
        }
        return requests.count(limits.register(ClientIp.of(http)), List.of()).replaceWithVoid();
    }
}
