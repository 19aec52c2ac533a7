package dev.gatehouse.ratelimit;

import java.util.Comparator;
import java.util.List;

/**
 * Where one limit stands after a check: the IETF RateLimit header fields (limit, remaining,
 * seconds until the window resets).
 */
public record LimitStatus(Limit limit, int remaining, long resetSeconds) {

    public boolean exhausted() {
        return remaining <= 0;
    }

    /** The status the headers report: fewest requests left, and on a tie the one that resets last. */
    public static LimitStatus tightest(List<LimitStatus> statuses) {
        return statuses.stream()
                .min(Comparator.comparingInt(LimitStatus::remaining)
                        .thenComparing(Comparator.comparingLong(LimitStatus::resetSeconds)
                                .reversed()))
                .orElse(null);
    }

    LimitStatus plusOne() {
        return new LimitStatus(limit, Math.min(limit.max(), remaining + 1), resetSeconds);
    }
}
