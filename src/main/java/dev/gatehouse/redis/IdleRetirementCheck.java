package dev.gatehouse.redis;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Warns at start when the Redis pool would not retire an idle connection before the client's
 * read-idle bound can close it: {@code quarkus.redis.pool-recycle-timeout} plus
 * {@code quarkus.redis.pool-cleaner-interval} must stay below
 * {@code quarkus.redis.tcp.read-idle-timeout}. Otherwise the bound closes connections the pool still
 * hands out, and a request that takes one at that moment is answered 503 as though Redis were down
 * (application.properties, {@code IdleConnectionRaceTest}). A warning, not a refusal: the replica
 * works, with a few needless 503s.
 */
public class IdleRetirementCheck {

    static final String READ_IDLE = "quarkus.redis.tcp.read-idle-timeout";
    static final String RECYCLE = "quarkus.redis.pool-recycle-timeout";
    static final String CLEANER = "quarkus.redis.pool-cleaner-interval";
    /** Vert.x's own recycle timeout, when Quarkus passes none. */
    static final Duration DEFAULT_RECYCLE = Duration.ofMinutes(3);
    /** Vert.x's own cleaner interval, when Quarkus passes none. */
    static final Duration DEFAULT_CLEANER = Duration.ofSeconds(30);

    void onStart(@Observes StartupEvent event, Config config) {
        problem(
                        config.getOptionalValue(READ_IDLE, Duration.class),
                        config.getOptionalValue(RECYCLE, Duration.class),
                        config.getOptionalValue(CLEANER, Duration.class))
                .ifPresent(Log::warn);
    }

    static Optional<String> problem(
            Optional<Duration> readIdle, Optional<Duration> recycle, Optional<Duration> cleaner) {
        // the client counts the bound in whole seconds; none (0) means no connection is ever closed for idling
        long boundSeconds = readIdle.map(Duration::toSeconds).orElse(0L);
        Duration retiredWithin = recycle.orElse(DEFAULT_RECYCLE).plus(cleaner.orElse(DEFAULT_CLEANER));
        if (boundSeconds <= 0 || retiredWithin.compareTo(Duration.ofSeconds(boundSeconds)) < 0) {
            return Optional.empty();
        }
        return Optional.of(RECYCLE + " + " + CLEANER + " (" + retiredWithin.toMillis() + " ms) is not below "
                + READ_IDLE
                + " (" + boundSeconds + " s): the read-idle bound will close Redis connections the pool still hands"
                + " out, and a request that takes one then is answered 503; lower the two pool settings");
    }
}
