package dev.gatehouse.error;

import io.vertx.pgclient.PgException;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Tells a fault of PostgreSQL or Redis (answered 503) from a bug (answered 500). */
public final class Faults {

    private static final String[] INFRASTRUCTURE_PACKAGES = {
            "io.vertx.pgclient.", "io.vertx.sqlclient.", "io.vertx.redis.", "io.quarkus.redis.",
            "org.hibernate.", "jakarta.persistence.", "io.netty.channel.", "io.vertx.core.net.",
    };

    private Faults() {
    }

    /** True when PostgreSQL refused a write for a unique constraint (SQLSTATE 23505), e.g. a taken email. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
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

    /** True when the failure, or one of its causes, comes from a data store or the network. */
    public static boolean isInfrastructure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCException && !(t instanceof JDBCConnectionException)) {
                return false; // a statement PostgreSQL refused: a bug, not an outage
            }
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            String name = t.getClass().getName();
            for (String prefix : INFRASTRUCTURE_PACKAGES) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            if (name.equals("io.vertx.core.impl.NoStackTraceThrowable")
                    && String.valueOf(t.getMessage()).toLowerCase().contains("connection")) {
                return true;
            }
        }
        return false;
    }
}
