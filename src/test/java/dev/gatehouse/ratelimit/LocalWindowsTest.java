package dev.gatehouse.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory fallback keeps the Redis script's rules for mixed modes. */
class LocalWindowsTest {

    private final LocalWindows windows = new LocalWindows();
    private final Limit requests = new Limit("requests", "ip", 5, Duration.ofMinutes(1));
    private final Limit failures = new Limit("failures", "client", 1, Duration.ofMinutes(1));

    @Test
    void hitLimitCountsAndPeekLimitDoesNotWhenBothHaveRoom() {
        Decision decision = windows.check(List.of(RateLimiter.Mode.HIT, RateLimiter.Mode.PEEK), "m1",
                List.of(requests, failures), 1_000);

        assertTrue(decision.allowed());
        assertEquals(4, decision.statuses().get(0).remaining());
        assertEquals(1, decision.statuses().get(1).remaining());
    }

    @Test
    void fullPeekLimitRefusesAndNothingIsCountedUnderTheHitLimit() {
        windows.check(List.of(RateLimiter.Mode.ADD), "failure", List.of(failures), 1_000);

        Decision decision = windows.check(List.of(RateLimiter.Mode.HIT, RateLimiter.Mode.PEEK), "m1",
                List.of(requests, failures), 1_001);

        assertFalse(decision.allowed());
        assertEquals(5, decision.statuses().get(0).remaining());
        assertEquals(0, decision.statuses().get(1).remaining());
    }
}
