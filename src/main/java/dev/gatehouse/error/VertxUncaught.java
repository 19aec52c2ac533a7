package dev.gatehouse.error;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Vert.x reports as uncaught, logged at ERROR as Quarkus does, but for one known fault of the
 * reactive SQL client (vertx-sql-client 4.5, eclipse-vertx/vertx-sql-client#1706): when a query
 * cannot get a connection because PostgreSQL is unreachable, the caller gets that failure at once
 * (answered 503, logged by {@link FaultLog}), and the pool's 30 s wait timer, never cancelled, later
 * fails the same promise again: "Result is already complete". That second report carries nothing
 * the first did not, and an outage under load would log one with its stack trace per failed query
 * (about 19,000 for a few seconds of outage in a probe). It is logged at DEBUG and counted
 * ({@link #knownFaults}); {@code VertxUncaughtTest} fails once the fault is gone upstream.
 */
@ApplicationScoped
public class VertxUncaught {

    private static final String POOL = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";
    private static final AtomicLong KNOWN = new AtomicLong();

    void install(@Observes StartupEvent event, Vertx vertx) {
        vertx.exceptionHandler(VertxUncaught::report);
    }

    static void report(Throwable failure) {
        if (isPoolTimerAfterFailure(failure)) {
            KNOWN.incrementAndGet();
            Log.debugf("The SQL pool's wait timer fired for a query that had already failed: %s", failure);
            return;
        }
        Log.error("Uncaught exception received by Vert.x", failure);
    }

    /** The pool's timer completing a query's promise that its connection failure completed already. */
    static boolean isPoolTimerAfterFailure(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(failure.getMessage())) {
            return false;
        }
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length > 1
                && "io.vertx.core.Promise".equals(frames[0].getClassName())
                && "fail".equals(frames[0].getMethodName())
                && POOL.equals(frames[1].getClassName())
                && frames[1].getMethodName().startsWith("lambda$execute$");
    }

    /** How many such reports this process has had. */
    public static long knownFaults() {
        return KNOWN.get();
    }
}
