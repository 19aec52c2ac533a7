package dev.gatehouse.ratelimit;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Adds {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (plain
 * integers, for the tightest limit checked) to every response of a limited route, and
 * {@code Retry-After} when a limit refused the request.
 */
public class RateLimitHeaders {

    private final RateLimitState state;

    public RateLimitHeaders(RateLimitState state) {
        this.state = state;
    }

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        LimitStatus tightest = state.tightest();
        if (tightest == null) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("RateLimit-Limit", Integer.toString(tightest.limit().max()));
        headers.putSingle("RateLimit-Remaining", Integer.toString(tightest.remaining()));
        headers.putSingle("RateLimit-Reset", Long.toString(tightest.resetSeconds()));
        if (state.retryAfterSeconds() >= 0) {
            headers.putSingle("Retry-After", Long.toString(Math.max(1, state.retryAfterSeconds())));
        }
    }
}
