package dev.gatehouse.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;

/**
 * Warns at start when {@code gatehouse.request-timeout} is not above the longest wait a login makes
 * on purpose: the wait for attempts in flight, then the delay of an account under attack
 * ({@code gatehouse.rate-limit.login.max-delay}). Below it, such a login is answered 503 at the
 * deadline instead of its 401, and counted as a store fault, which pages whoever watches
 * {@code GatehouseStoreErrors}. A warning, not a refusal: a short deadline can be a choice.
 */
public class RequestTimeoutCheck {

    void onStart(@Observes StartupEvent event, GatehouseConfig config) {
        problem(config.requestTimeout(), config.rateLimit().login().maxDelay()).ifPresent(Log::warn);
    }

    static Optional<String> problem(Duration requestTimeout, Duration loginMaxDelay) {
        Duration longest = GatehouseConfig.RateLimit.Login.MAX_WAIT_FOR_ATTEMPTS.plus(loginMaxDelay);
        if (requestTimeout.compareTo(longest) > 0) {
            return Optional.empty();
        }
        return Optional.of("gatehouse.request-timeout=" + text(requestTimeout)
                + " is not above the longest wait a login makes on purpose ("
                + text(GatehouseConfig.RateLimit.Login.MAX_WAIT_FOR_ATTEMPTS)
                + " for attempts in flight, plus gatehouse.rate-limit.login.max-delay=" + text(loginMaxDelay)
                + "): such a login is answered 503 and counted as a store fault; raise the timeout above "
                + text(longest) + (loginMaxDelay.isZero() ? "" : " or lower the delay"));
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
