package dev.gatehouse.ratelimit;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/** The limits checked during the current request, for the response headers. */
@RequestScoped
public class RateLimitState {

    private final List<LimitStatus> statuses = new ArrayList<>();
    private long retryAfterSeconds = -1;

    public void record(Decision decision) {
        statuses.addAll(decision.statuses());
        if (!decision.allowed()) {
            retryAfterSeconds = Math.max(retryAfterSeconds, decision.retryAfterSeconds());
        }
    }

    /** Replaces what was recorded for the same limits (a login that succeeded is taken back). */
    public void replace(List<LimitStatus> updated) {
        statuses.removeIf(
                old -> updated.stream().anyMatch(status -> status.limit().equals(old.limit())));
        statuses.addAll(updated);
    }

    LimitStatus tightest() {
        return LimitStatus.tightest(statuses);
    }

    /** The {@code Retry-After} seconds when a limit refused the request, else -1. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
