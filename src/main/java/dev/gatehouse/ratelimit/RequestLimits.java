package dev.gatehouse.ratelimit;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The per-IP request limit of {@code /api/**}, counted by the bearer check with its denylist
 * marks in one round trip. A request is counted once; past the limit it is refused with 429 and
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

    /**
     * Counts the request; 429 past the limit. Answers the values of {@code readKeys} read in the
     * same Redis round trip (null for a missing key), or null when Redis did not answer (the limit
     * was then kept in this replica's memory).
     */
    public Uni<List<String>> count(Limit limit, List<String> readKeys) {
        return limiter.hitPeekAndRead(UUID.randomUUID().toString(), List.of(limit), List.of(), readKeys).map(checked -> {
            state.record(checked.decision());
            if (!checked.decision().allowed()) {
                throw refused(limit);
            }
            return checked.values();
        });
    }

    /** The 429 of a request past {@code limit}, audited; for callers that counted it in a script of their own. */
    public ApiException refused(Limit limit) {
        audit.record(AuditEventType.RATE_LIMITED, Outcome.FAILURE, null, null, limit.name());
        return new ApiException(ErrorCode.RATE_LIMITED, "Too many requests; retry after the time in Retry-After");
    }
}
