package dev.gatehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bound on PostgreSQL's connections, and the WARN of a start that cannot apply it. */
class PostgresConnectionsTest {

    @Test
    void theTimeoutBecomesTheUserTimeoutKeepaliveProbesAndTheConnectTimeout() {
        PgConnectOptions options = new PgConnectOptions();

        PostgresConnections.bound(options, Duration.ofSeconds(9));

        assertEquals(9_000, options.getTcpUserTimeout());
        assertTrue(options.isTcpKeepAlive());
        assertEquals(9, options.getTcpKeepAliveIdleSeconds());
        assertEquals(3, options.getTcpKeepAliveIntervalSeconds());
        assertEquals(3, options.getTcpKeepAliveCount());
        assertEquals(9_000, options.getConnectTimeout());
    }

    @Test
    void aNegativeOrOverLongTimeoutIsRefusedByName() {
        for (Duration wrong :
                List.of(Duration.ofSeconds(-5), Duration.ofMinutes(15).plusMillis(1), Duration.ofDays(30))) {
            String problem = PostgresConnections.settingProblem(wrong).orElseThrow(() -> new AssertionError(wrong));
            assertTrue(problem.contains("gatehouse.postgres.tcp-user-timeout"), problem);
        }
        for (Duration right :
                List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(10), Duration.ofMinutes(15))) {
            assertEquals(Optional.empty(), PostgresConnections.settingProblem(right), right.toString());
        }
    }

    @Test
    void aVertxOnNioIsWarnedOfAndOneOnEpollIsNot() {
        Vertx nio = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        Vertx epoll = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        try {
            assertTrue(PostgresConnections.transportWarning(nio)
                    .orElseThrow()
                    .contains("quarkus.vertx.prefer-native-transport is false"));
            assertTrue(epoll.isNativeTransportEnabled(), "this Linux build carries Netty's epoll transport");
            assertTrue(PostgresConnections.transportWarning(epoll).isEmpty());
        } finally {
            nio.close();
            epoll.close();
        }
    }
}
