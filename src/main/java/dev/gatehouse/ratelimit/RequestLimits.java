package dev.gatehouse.ratelimit;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.redis.ReadAlong;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The per-IP request limit of {@code /api/**}, counted by the bearer check with another
 * feature's reads along (the denylist's marks) in one round trip. A request is counted once; past the limit it is refused with 429 and
 * audited. The introspection and revocation endpoints count their requests in their client
 * authentication's round trip ({@code ClientAuthenticator}) and refuse with {@link #refused};
 * registrations and authorization requests are counted by {@link EndpointLimits}.
 */
@ApplicationScoped
public class RequestLimits {

    private final RateLimiter limiter;
    private final Limits limits;
    private final RateLimitState state;
    private final AuditLog audit;

    public RequestLimits(RateLimiter limiter, Limits limits, RateLimitState state, AuditLog audit) {
        this.limiter = limiter;
        this.limits = limits;
        this.state = state;
        this.audit = audit;
    }

    /** The limit a request to {@code path} from {@code ip} counts against, or null. */
    public Limit limitFor(String path, String ip) {
        if (path.startsWith("/api/")) {
            return limits.api(ip);
        }
        return null;
    }

    /** Counts the request; 429 past the limit. */
    public Uni<Void> count(Limit limit) {
        return count(limit, ReadAlong.NONE);
    }

    /**
     * Counts the request; 429 past the limit. The keys of {@code along} are read in the same Redis
     * round trip; it finds null when Redis did not answer (the limit was then kept in this
     * replica's memory).
     */
    public Uni<Void> count(Limit limit, ReadAlong along) {
        return limiter.hitPeekAndRead(UUID.randomUUID().toString(), List.of(limit), List.of(), along)
                .map(decision -> {
                    state.record(decision);
                    if (!decision.allowed()) {
                        throw refused(limit);
                    }
                    return null;
                });
    }

    /** The 429 of a request past {@code limit}, audited; for callers that counted it in a script of their own. */
    public ApiException refused(Limit limit) {
        audit.record(AuditEventType.RATE_LIMITED, Outcome.FAILURE, null, null, limit.name());
        return new ApiException(ErrorCode.RATE_LIMITED, "Too many requests; retry after the time in Retry-After");
    }
}
