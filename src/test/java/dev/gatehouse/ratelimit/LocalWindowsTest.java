package dev.gatehouse.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory fallback keeps the Redis script's rules for mixed modes. */
class LocalWindowsTest {

    private final LocalWindows windows = new LocalWindows();
    private final Limit requests = new Limit("requests", "ip", 5, Duration.ofMinutes(1));
    private final Limit failures = new Limit("failures", "client", 1, Duration.ofMinutes(1));

    @Test
    void hitLimitCountsAndPeekLimitDoesNotWhenBothHaveRoom() {
        Decision decision = windows.check(
                List.of(RateLimiter.Mode.HIT, RateLimiter.Mode.PEEK), "m1", List.of(requests, failures), 1_000);

        assertTrue(decision.allowed());
        assertEquals(4, decision.statuses().get(0).remaining());
        assertEquals(1, decision.statuses().get(1).remaining());
    }

    @Test
    void fullPeekLimitRefusesAndNothingIsCountedUnderTheHitLimit() {
        windows.check(List.of(RateLimiter.Mode.ADD), "failure", List.of(failures), 1_000);

        Decision decision = windows.check(
                List.of(RateLimiter.Mode.HIT, RateLimiter.Mode.PEEK), "m1", List.of(requests, failures), 1_001);

        assertFalse(decision.allowed());
        assertEquals(5, decision.statuses().get(0).remaining());
        assertEquals(0, decision.statuses().get(1).remaining());
    }

    @Test
    void aPeekCreatesNoWindow() {
        windows.check(List.of(RateLimiter.Mode.PEEK, RateLimiter.Mode.PEEK), "-", List.of(requests, failures), 1_000);

        assertEquals(0, windows.size());
    }

    @Test
    void aFloodOfNewKeysNeverResetsALiveWindow() {
        LocalWindows small = new LocalWindows(3);
        Limit victim = new Limit("login-ip", "victim", 1, Duration.ofHours(1));
        small.check(List.of(RateLimiter.Mode.ADD), "failure", List.of(victim), 1_000);

        for (int i = 0; i < 10; i++) {
            small.check(
                    List.of(RateLimiter.Mode.HIT),
                    "m" + i,
                    List.of(new Limit("client-auth", "random-" + i, 5, Duration.ofHours(1))),
                    1_001 + i);
        }

        assertFalse(
                small.check(List.of(RateLimiter.Mode.HIT), "again", List.of(victim), 2_000)
                        .allowed(),
                "the victim's window is still full");
        assertTrue(small.size() <= 3, "the bound holds: " + small.size());
    }

    @Test
    void whenFullExpiredWindowsMakeRoomOldestFirst() {
        LocalWindows small = new LocalWindows(2);
        Limit old = new Limit("api", "old", 5, Duration.ofMinutes(1));
        Limit live = new Limit("api", "live", 5, Duration.ofHours(1));
        small.check(List.of(RateLimiter.Mode.HIT), "m1", List.of(old), 1_000);
        small.check(List.of(RateLimiter.Mode.HIT), "m2", List.of(live), 2_000);

        long later = 1_000 + Duration.ofMinutes(2).toMillis();
        Decision fresh = small.check(
                List.of(RateLimiter.Mode.HIT), "m3", List.of(new Limit("api", "new", 5, Duration.ofMinutes(1))), later);

        assertTrue(fresh.allowed());
        assertEquals(2, small.size());
        assertEquals(
                4,
                small.check(List.of(RateLimiter.Mode.PEEK), "-", List.of(live), later)
                        .statuses()
                        .get(0)
                        .remaining(),
                "the live window keeps its count");
    }
}
