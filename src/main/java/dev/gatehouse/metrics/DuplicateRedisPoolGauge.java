package dev.gatehouse.metrics;

import io.quarkus.logging.LoggingFilter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops the one WARN that Quarkus 3.33's Redis client makes Micrometer log at every start, and
 * nothing else. Two build steps each set up the default Redis client; each builds one and the map
 * keeps the first ({@code RedisClientRecorder} builds before it asks whether the name is taken),
 * so the second's connection-pool gauge {@code redis.pool.queue.size} is refused as a duplicate of
 * the first's. The client kept is the one whose gauge is registered, so the metric is right and
 * the line only pages whoever alerts on WARN, at every rollout. From 3.37 Quarkus's Micrometer
 * binders register gauges so that a second registration does not warn (quarkusio/quarkus#54122),
 * a release these machines cannot fetch; whichever upgrade ends the line, {@code
 * StartWarningsTest} fails then, and this filter goes. Applied to the console and the file handler
 * ({@code quarkus.log.*.filter}); a record at any level but WARN costs one integer comparison.
 */
@LoggingFilter(name = "duplicate-redis-pool-gauge")
public final class DuplicateRedisPoolGauge implements Filter {

    private static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String WARNING =
            "This Gauge has been already registered (MeterId{name='redis.pool.queue.size', "
                    + "tags=[tag(pool.name=<default>),tag(pool.type=redis)]})";
    private static final AtomicInteger DROPPED = new AtomicInteger();

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() != Level.WARNING.intValue()
                || !LOGGER.equals(record.getLoggerName())
                || !message(record).startsWith(WARNING)) {
            return true;
        }
        DROPPED.incrementAndGet();
        return false;
    }

    /** How many times this process dropped the line. */
    static int dropped() {
        return DROPPED.get();
    }

    private static String message(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        return message == null ? "" : message;
    }
}
