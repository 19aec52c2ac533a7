package dev.gatehouse.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitStatusTest {

    private static final Limit IP = new Limit("login-ip", "10.0.0.1", 5, Duration.ofHours(1));
    private static final Limit ACCOUNT = new Limit("login-account", "a@example.com", 20, Duration.ofHours(1));

    @Test
    void headersReportTheLimitWithFewestRequestsLeft() {
        LimitStatus ip = new LimitStatus(IP, 2, 100);
        LimitStatus account = new LimitStatus(ACCOUNT, 15, 3000);
        assertEquals(ip, LimitStatus.tightest(List.of(account, ip)));
    }

    @Test
    void onATieTheLimitThatResetsLastWins() {
        LimitStatus early = new LimitStatus(IP, 3, 100);
        LimitStatus late = new LimitStatus(ACCOUNT, 3, 3000);
        assertEquals(late, LimitStatus.tightest(List.of(early, late)));
        assertEquals(late, LimitStatus.tightest(List.of(late, early)));
    }

    @Test
    void resetIsTheTimeUntilTheOldestCountedEventLeavesTheWindow() {
        long now = System.currentTimeMillis();
        LimitStatus status =
                RateLimiter.status(IP, 5, now - Duration.ofMinutes(59).toMillis(), now);
        assertEquals(0, status.remaining());
        assertEquals(60, status.resetSeconds());
        assertEquals(3600, RateLimiter.status(IP, 0, -1, now).resetSeconds());
    }

    @Test
    void retryAfterIsWhenEveryExhaustedLimitHasRoomAgain() {
        Decision decision = new Decision(
                false,
                List.of(
                        new LimitStatus(IP, 0, 120),
                        new LimitStatus(ACCOUNT, 0, 900),
                        new LimitStatus(new Limit("x", "y", 9, Duration.ofDays(1)), 4, 80000)));
        assertEquals(900, decision.retryAfterSeconds());
    }
}
