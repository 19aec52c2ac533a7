package dev.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTimeoutCheckTest {

    @Test
    void theDefaultsLeaveRoomForTheLongestLogin() {
        assertEquals(Optional.empty(), RequestTimeoutCheck.problem(Duration.ofSeconds(15), Duration.ofSeconds(2)));
    }

    @Test
    void aTimeoutNotAboveTheLoginsWaitPlusItsDelayIsNamedWithBothSettings() {
        String warning = RequestTimeoutCheck.problem(Duration.ofSeconds(15), Duration.ofSeconds(5))
                .orElseThrow();
        assertTrue(warning.contains("gatehouse.request-timeout=15s"), warning);
        assertTrue(warning.contains("gatehouse.rate-limit.login.max-delay=5s"), warning);
        assertTrue(warning.contains("above 15s or lower the delay"), warning);
        assertTrue(
                RequestTimeoutCheck.problem(Duration.ofSeconds(3), Duration.ZERO)
                        .orElseThrow()
                        .endsWith("raise the timeout above 10s"),
                "no delay to lower");
        assertTrue(
                RequestTimeoutCheck.problem(Duration.ofSeconds(3), Duration.ZERO)
                        .isPresent(),
                "3s < 10s");
        assertEquals(Optional.empty(), RequestTimeoutCheck.problem(Duration.ofMillis(12_001), Duration.ofSeconds(2)));
        assertTrue(RequestTimeoutCheck.problem(Duration.ofSeconds(12), Duration.ofSeconds(2))
                .isPresent());
    }
}
