package dev.gatehouse.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An outage's faults make one line per store every ten seconds, each saying how many it stands for. */
class FaultLogTest {

    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private final FaultLog log = new FaultLog(nanos::get);

    @Test
    void theFirstFaultIsLoggedAtOnceAndTheNextOnesOnlyCountedUntilTheQuietSpellEnds() {
        assertEquals("Redis fault: reset", log.line("Redis fault: reset"));
        for (int i = 0; i < 5_000; i++) {
            nanos.addAndGet(1_000_000); // a fault every millisecond for five seconds
            assertNull(log.line("Redis fault: reset"));
        }
        nanos.addAndGet(FaultLog.QUIET.toNanos() - 5_000_000_000L);
        assertEquals(
                "Redis fault: refused (and 5000 more faults of this store since the last line)",
                log.line("Redis fault: refused"));
        assertNull(log.line("Redis fault: refused"), "a new quiet spell began with that line");
    }

    @Test
    void aFaultAfterAQuietSpellIsLoggedAtOnceWithNothingToAdd() {
        log.line("PostgreSQL fault: refused");
        nanos.addAndGet(FaultLog.QUIET.toNanos() + 1);
        assertEquals("PostgreSQL fault: refused", log.line("PostgreSQL fault: refused"));
    }
}
