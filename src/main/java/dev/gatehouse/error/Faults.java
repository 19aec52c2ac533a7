package dev.gatehouse.error;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a fault of PostgreSQL or Redis (answered 503, the client may retry) from a bug (answered
 * 500) by what the failure is, wherever it was raised: the connection broke or could not be made
 * (any I/O error: reset, refused, closed), nothing answered in time (a timeout, an exhausted
 * pool), PostgreSQL said it cannot serve now (SQLSTATE classes 08, 53, 57P, 40001/40P01), or Redis
 * said so ({@code LOADING}, {@code READONLY}, {@code MASTERDOWN}, …). A statement PostgreSQL
 * refused for any other reason, or a Redis script error, is a bug.
 */
public final class Faults {

    /** Redis error prefixes of a server that cannot serve right now (failover, loading, memory). */
    private static final Set<String> REDIS_UNAVAILABLE =
            Set.of("LOADING", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY", "OOM", "NOREPLICAS");
    /** What the Vert.x clients say when a connection is gone or none can be had in time. */
    private static final String[] CONNECTION_WORDS = {
        "connection", "closed", "timeout", "timed out", "pool", "max waiter", "unavailable", "reset"
    };

    private Faults() {}

    /** True when PostgreSQL refused a write for a unique constraint (SQLSTATE 23505), e.g. a taken email. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof ConstraintViolationException violation
                    && (violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE
                            || "23505".equals(violation.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** True when the failure, or one of its causes, is a store that cannot answer now. */
    public static boolean isInfrastructure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof PgException pg) {
                return isUnavailable(pg.getSqlState());
            }
            if (t instanceof IOException
                    || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof JDBCConnectionException) {
                return true;
            }
            if (isRedisUnavailable(t) || isConnectionLoss(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE of a server that cannot serve now: connection exceptions (08), insufficient resources
     * (53), operator intervention such as a shutdown or a failover (57P), and serialization
     * failures or deadlocks a retry resolves (40001, 40P01).
     */
    static boolean isUnavailable(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.startsWith("53")
                        || sqlState.startsWith("57P")
                        || sqlState.equals("40001")
                        || sqlState.equals("40P01"));
    }

    private static boolean isRedisUnavailable(Throwable t) {
        if (!t.getClass().getName().startsWith("io.vertx.redis.")) {
            return false;
        }
        String message = String.valueOf(t.getMessage());
        int space = message.indexOf(' ');
        return REDIS_UNAVAILABLE.contains(space < 0 ? message : message.substring(0, space));
    }

    /**
     * The Vert.x clients report a lost or unobtainable connection with their own exception types
     * (a closed connection, a full wait queue) or a message-only throwable.
     */
    private static boolean isConnectionLoss(Throwable t) {
        String type = t.getClass().getSimpleName();
        if (type.equals("ClosedConnectionException")
                || type.equals("ConnectionPoolTooBusyException")
                || type.equals("ConnectTimeoutException")) {
            return true;
        }
        if (!(type.equals("NoStackTraceThrowable") || type.equals("VertxException"))) {
            return false;
        }
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        for (String word : CONNECTION_WORDS) {
            if (message.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
