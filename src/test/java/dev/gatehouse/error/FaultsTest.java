package dev.gatehouse.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What a store fault is (503) and what a bug is (500), whatever wraps it. */
class FaultsTest {

    @Test
    void aConnectionResetOrRefusedOrClosedIsAFaultWhereverItWasRaised() {
        assertTrue(Faults.isInfrastructure(new SocketException("Connection reset")));
        assertTrue(Faults.isInfrastructure(new CompletionException(new SocketException("Connection reset"))));
        assertTrue(Faults.isInfrastructure(new ConnectException("Connection refused")));
        assertTrue(Faults.isInfrastructure(new ClosedChannelException()));
        assertTrue(Faults.isInfrastructure(new IOException("Broken pipe")));
        assertTrue(Faults.isInfrastructure(
                new io.vertx.core.VertxException("Connection is not active now, current status: CLOSED", true)));
        assertTrue(Faults.isInfrastructure(io.vertx.sqlclient.ClosedConnectionException.INSTANCE));
    }

    @Test
    void aTimeoutOrAnExhaustedPoolIsAFault() {
        assertTrue(Faults.isInfrastructure(new java.util.concurrent.TimeoutException()));
        assertTrue(Faults.isInfrastructure(new io.smallrye.mutiny.TimeoutException()));
        assertTrue(Faults.isInfrastructure(
                new io.vertx.core.VertxException("Timeout waiting for a connection from the pool", true)));
    }

    @Test
    void postgresqlThatCannotServeNowIsAFaultAndARefusedStatementIsABug() {
        assertTrue(Faults.isInfrastructure(pg("57P01"))); // admin shutdown (a failover)
        assertTrue(Faults.isInfrastructure(pg("08006"))); // connection failure
        assertTrue(Faults.isInfrastructure(pg("53300"))); // too many connections
        assertTrue(Faults.isInfrastructure(pg("40001"))); // serialization failure
        assertFalse(Faults.isInfrastructure(pg("42703"))); // undefined column: a bug
        assertFalse(Faults.isInfrastructure(pg("23505"))); // unique violation: the caller's business
        assertFalse(Faults.isInfrastructure(new CompletionException(pg("42601"))));
    }

    @Test
    void aBugIsNoFault() {
        assertFalse(Faults.isInfrastructure(new NullPointerException()));
        assertFalse(Faults.isInfrastructure(new IllegalStateException("no key")));
        assertFalse(Faults.isInfrastructure(new io.vertx.core.VertxException("Unexpected token", true)));
    }

    private static PgException pg(String sqlState) {
        return new PgException("refused", "ERROR", sqlState, "detail");
    }
}
