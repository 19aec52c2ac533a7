package dev.gatehouse.ratelimit;

import java.util.List;

/** The outcome of a rate-limit check over one or more limits. */
public record Decision(boolean allowed, List<LimitStatus> statuses) {

    /** Seconds until every exhausted limit has room again (the {@code Retry-After} value). */
    public long retryAfterSeconds() {
        return statuses.stream()
                .filter(LimitStatus::exhausted)
                .mapToLong(LimitStatus::resetSeconds)
                .max()
                .orElse(0);
    }
}
