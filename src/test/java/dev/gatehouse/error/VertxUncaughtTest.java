package dev.gatehouse.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestLog;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What Vert.x reports as uncaught reaches the log at ERROR, but for the SQL pool's known second report. */
@QuarkusTest
class VertxUncaughtTest {

    private static final String UNCAUGHT = "Uncaught exception received by Vert.x";

    @Inject
    Vertx vertx;

    @Test
    void aQueryThatCouldNotConnectIsReportedOnceNotAgainByThePoolsTimer() throws Exception {
        // the application's Vert.x, a pool whose wait timer is 1 s instead of 30, PostgreSQL nowhere
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions()
                        .setMaxSize(1)
                        .setConnectionTimeout(1)
                        .setConnectionTimeoutUnit(TimeUnit.SECONDS))
                .connectingTo(
                        new PgConnectOptions().setHost("127.0.0.1").setPort(1).setUser("postgres"))
                .using(vertx)
                .build();
        long known = VertxUncaught.knownFaults();
        long lines = uncaughtLines();
        try {
            assertThrows(
                    Exception.class,
                    () -> pool.query("SELECT 1")
                            .execute()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (VertxUncaught.knownFaults() == known && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            pool.close();
        }
        assertEquals(lines, uncaughtLines(), "the second report reached the log at ERROR; see " + TestLog.FILE);
        assertTrue(
                VertxUncaught.knownFaults() > known,
                "the pool's timer no longer fails a promise its connection failure completed: the upstream fault "
                        + "(eclipse-vertx/vertx-sql-client#1706) is gone, so VertxUncaught can go");
    }

    @Test
    void anyOtherUncaughtFailureIsLoggedAtError() {
        long lines = uncaughtLines();
        vertx.exceptionHandler().handle(new IllegalStateException("Result is already complete"));
        assertEquals(lines + 1, uncaughtLines(), "the same message raised elsewhere is not the known fault");
    }

    /** This process's ERROR lines about an uncaught failure. */
    private static long uncaughtLines() {
        return TestLog.errors(UNCAUGHT);
    }
}
