package dev.gatehouse.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestLog;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** What a start logs about metrics: nothing an operator's WARN alert would page for. */
@QuarkusTest
class StartWarningsTest {

    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String REDIS_POOL_GAUGE =
            "This Gauge has been already registered (MeterId{name='redis.pool.queue.size', "
                    + "tags=[tag(pool.name=<default>),tag(pool.type=redis)]}), the registration will be ignored. "
                    + "Note that subsequent logs will be logged at debug level.";

    @Test
    void aStartLogsNoDuplicateGaugeWarning() {
        List<String> lines = TestLog.thisProcess();

        assertFalse(lines.isEmpty(), "the test log names the process that wrote each line: " + TestLog.FILE);
        assertTrue(
                lines.stream().noneMatch(line -> line.contains("This Gauge has been already registered")),
                "a start logged Micrometer's duplicate-gauge WARN; see " + TestLog.FILE);
    }

    @Test
    void theRedisClientStillRegistersItsPoolGaugeTwice() {
        assertTrue(
                DuplicateRedisPoolGauge.dropped() > 0,
                "no start made Quarkus's Redis client register its pool gauge twice: the upstream fault is gone "
                        + "(quarkusio/quarkus#54122), so DuplicateRedisPoolGauge and its log filter can go");
    }

    @Test
    void onlyThatWarningIsDropped() {
        DuplicateRedisPoolGauge filter = new DuplicateRedisPoolGauge();

        assertFalse(filter.isLoggable(record(Level.WARNING, MICROMETER, REDIS_POOL_GAUGE)));
        assertTrue(
                filter.isLoggable(record(
                        Level.WARNING, MICROMETER, REDIS_POOL_GAUGE.replace("redis.pool.queue.size", "gatehouse.x"))),
                "another gauge registered twice is a fault of ours and must show");
        assertTrue(
                filter.isLoggable(record(Level.WARNING, MICROMETER, REDIS_POOL_GAUGE.replace("<default>", "sessions"))),
                "a named Redis client is not the default one");
        assertTrue(filter.isLoggable(record(Level.WARNING, "dev.gatehouse.metrics", REDIS_POOL_GAUGE)));
        assertTrue(filter.isLoggable(record(Level.SEVERE, MICROMETER, REDIS_POOL_GAUGE)));
        assertTrue(filter.isLoggable(record(Level.INFO, "gatehouse.audit", "{\"type\":\"token_issued\"}")));
    }

    private static LogRecord record(Level level, String logger, String message) {
        ExtLogRecord record =
                new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.NO_FORMAT, StartWarningsTest.class.getName());
        record.setLoggerName(logger);
        return record;
    }
}
