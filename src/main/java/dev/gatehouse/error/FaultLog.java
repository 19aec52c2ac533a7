package dev.gatehouse.error;

import dev.gatehouse.metrics.StoreMetrics.Store;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The error log of PostgreSQL and Redis faults, bounded: an outage under load fails thousands of
 * requests a second, and a line for each would bury everything else and cost the CPU the
 * recovery needs. The first fault of a store after a quiet spell is logged at once; while faults
 * go on, at most one line per store every {@link #QUIET}, saying how many came in between. Every
 * fault is still counted, one by one, in {@code gatehouse_store_errors_total} (its callers count).
 */
public final class FaultLog {

    static final Duration QUIET = Duration.ofSeconds(10);

    private static final Map<Store, FaultLog> BY_STORE = new EnumMap<>(Store.class);

    static {
        for (Store store : Store.values()) {
            BY_STORE.put(store, new FaultLog(System::nanoTime));
        }
    }

    /** {@link #due} before the first line: the clock is not read at class initialisation (a native image's build). */
    private static final long NEVER = Long.MIN_VALUE;

    private final LongSupplier nanoClock;
    /** When the next line may go out (the clock's nanoseconds), or {@link #NEVER}. */
    private final AtomicLong due = new AtomicLong(NEVER);
    /** Faults since the last line that went out. */
    private final AtomicLong unlogged = new AtomicLong();

    FaultLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Logs the fault at ERROR, unless a line about this store went out less than {@link #QUIET} ago. */
    public static void error(Store store, String message) {
        String line = BY_STORE.get(store).line(message);
        if (line != null) {
            Log.error(line);
        }
    }

    /** The line to log for this fault now, or null when it is only counted towards the next one. */
    String line(String message) {
        long now = nanoClock.getAsLong();
        long next = due.get();
        if ((next != NEVER && now - next < 0) || !due.compareAndSet(next, now + QUIET.toNanos())) {
            unlogged.incrementAndGet();
            return null;
        }
        long before = unlogged.getAndSet(0);
        return before == 0 ? message : message + " (and " + before + " more faults of this store since the last line)";
    }
}
