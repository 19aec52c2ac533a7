package dev.gatehouse.sql;

import dev.gatehouse.config.GatehouseConfig;
import io.quarkus.logging.Log;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Creates the PostgreSQL pool Quarkus configured, with one addition: each connection is closed by
 * the kernel when PostgreSQL's host stops acknowledging it for {@code gatehouse.postgres.tcp-user-timeout}
 * (TCP_USER_TIMEOUT while a query is out, keepalive probes while it is idle). A host that vanishes
 * without closing its connections (the primary's pod or node after a failover: its packets are
 * dropped, no reset comes back) otherwise keeps every connection it held in use until the kernel
 * gives up retransmitting, about 15 minutes, and with the pool full of them the replica answers 503
 * to everything that needs PostgreSQL. Vert.x sets these options on Netty's epoll transport only.
 */
@Singleton
public class PostgresConnections implements PgPoolCreator {

    /**
     * Above this the setting would hold a dead connection longer than the kernel's own
     * retransmissions (about 15 minutes), which {@code 0s} already gives.
     */
    static final Duration MAX_TCP_USER_TIMEOUT = Duration.ofMinutes(15);

    private final GatehouseConfig config;

    PostgresConnections(GatehouseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        Duration timeout = config.postgres().tcpUserTimeout();
        settingProblem(timeout).ifPresent(problem -> {
            throw new IllegalStateException("Gatehouse cannot start: " + problem);
        });
        if (!timeout.isZero()) {
            transportWarning(input.vertx()).ifPresent(Log::warn);
            input.pgConnectOptionsList().forEach(options -> bound(options, timeout));
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }

    /**
     * A negative value, or one past the kernel's retransmissions (past 24.8 days it would not even
     * fit the socket option's milliseconds).
     */
    static Optional<String> settingProblem(Duration timeout) {
        if (!timeout.isNegative() && timeout.compareTo(MAX_TCP_USER_TIMEOUT) <= 0) {
            return Optional.empty();
        }
        return Optional.of("gatehouse.postgres.tcp-user-timeout (GATEHOUSE_POSTGRES_TCP_USER_TIMEOUT) is " + timeout
                + ": it must be between 1ms and 15m, or 0s to leave the kernel's defaults (about 15 minutes)");
    }

    /** The WARN of a start whose Vert.x cannot apply the bound (not on Netty's epoll transport), if so. */
    static Optional<String> transportWarning(Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            return Optional.empty();
        }
        Throwable cause = vertx.unavailableNativeTransportCause();
        return Optional.of("Netty's epoll transport is not in use ("
                + (cause == null ? "quarkus.vertx.prefer-native-transport is false" : cause)
                + "): gatehouse.postgres.tcp-user-timeout cannot be applied, and a PostgreSQL host that vanishes"
                + " holds this replica's connections for the kernel's retransmission timeout (about 15 minutes)");
    }

    /** TCP_USER_TIMEOUT, keepalive probes that find a dead idle connection within about twice it, the connect timeout. */
    static void bound(PgConnectOptions options, Duration timeout) {
        int millis = (int) timeout.toMillis();
        int seconds = (int) Math.max(1, timeout.toSeconds());
        options.setTcpUserTimeout(millis);
        options.setTcpKeepAlive(true);
        options.setTcpKeepAliveIdleSeconds(seconds);
        options.setTcpKeepAliveIntervalSeconds(Math.max(1, seconds / 3));
        options.setTcpKeepAliveCount(3);
        options.setConnectTimeout(millis);
    }
}
