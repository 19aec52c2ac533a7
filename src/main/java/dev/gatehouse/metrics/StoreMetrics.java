package dev.gatehouse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.unix.Errors;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters of the data stores: {@code gatehouse_store_errors_total{store}} (PostgreSQL or Redis
 * faults that reached a client as 503) and {@code gatehouse_denylist_writes_total} (access tokens
 * put on the Redis denylist; a SCAN for the denylist's size would cost Redis too much). All
 * series exist from start-up at 0, so alerts on {@code increase()} see the first one.
 */
@Startup
@ApplicationScoped
public class StoreMetrics {

    /** Linux's ETIMEDOUT, negated as Netty's {@link Errors.NativeIoException#expectedErr()} gives it. */
    private static final int ETIMEDOUT_NEGATIVE = -110;

    static final String ERRORS = "gatehouse.store.errors";
    static final String DENYLIST_WRITES = "gatehouse.denylist.writes";

    /** The {@code store} label: bounded to these values. */
    public enum Store {
        POSTGRES("postgres"),
        REDIS("redis"),
        UNKNOWN("unknown");

        private final String label;

        Store(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final MeterRegistry registry;
    private final Counter denylistWrites;

    public StoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.denylistWrites = Counter.builder(DENYLIST_WRITES)
                .description("Access tokens or users put on the Redis denylist")
                .register(registry);
        for (Store store : Store.values()) {
            errors(registry, store);
        }
    }

    /** One write to the denylist (a token's jti, or a user's not-before mark). */
    public void denylistWrite() {
        denylistWrites.increment();
    }

    /** One fault of the given store. */
    public void storeError(Store store) {
        errors(registry, store).increment();
    }

    /** Counts an infrastructure fault by the store it came from (the exception mappers' 503s); answers that store. */
    public Store fault(Throwable failure) {
        Store store = storeOf(failure);
        storeError(store);
        return store;
    }

    /**
     * Which store a fault came from: by the classes in its cause chain, else by the frames that
     * raised them (a connection reset surfaces as a plain I/O error from the client's code), else
     * by what only one store's connections can fail with ({@link #timedOutByTheKernel}).
     */
    public static Store storeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (timedOutByTheKernel(t) || saidBySqlClient(t)) {
                return Store.POSTGRES;
            }
            Store store = storeOf(t.getClass().getName());
            if (store != Store.UNKNOWN) {
                return store;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                store = storeOf(frame.getClassName());
                if (store != Store.UNKNOWN) {
                    return store;
                }
            }
        }
        return Store.UNKNOWN;
    }

    /**
     * An established connection the kernel gave up on (ETIMEDOUT, -110 on Linux, as Netty's epoll
     * transport reports it, with no frame of the client whose connection it was). Only PostgreSQL's
     * connections carry TCP_USER_TIMEOUT and keepalive probes ({@code sql.PostgresConnections}: a
     * vanished host); Redis's are closed by their read-idle bound ({@code
     * quarkus.redis.tcp.read-idle-timeout}) long before the kernel's retransmissions could time one out.
     */
    private static boolean timedOutByTheKernel(Throwable t) {
        return t instanceof Errors.NativeIoException io && io.expectedErr() == ETIMEDOUT_NEGATIVE;
    }

    /**
     * The SQL client's word for a connection it had already lost, thrown without a stack (the
     * requests that were queued on a connection when it failed); vertx-sql-client's own messages.
     */
    private static boolean saidBySqlClient(Throwable t) {
        String message = t.getMessage();
        return t.getStackTrace().length == 0
                && message != null
                && (message.startsWith("Connection is not active now")
                        || message.startsWith("Pending requests failed to be sent due to connection has been closed"));
    }

    private static Store storeOf(String className) {
        if (className.startsWith("io.vertx.redis.") || className.startsWith("io.quarkus.redis.")) {
            return Store.REDIS;
        }
        if (className.startsWith("io.vertx.pgclient.")
                || className.startsWith("io.vertx.sqlclient.")
                || className.startsWith("org.hibernate.")
                || className.startsWith("jakarta.persistence.")) {
            return Store.POSTGRES;
        }
        return Store.UNKNOWN;
    }

    private static Counter errors(MeterRegistry registry, Store store) {
        return Counter.builder(ERRORS)
                .description("PostgreSQL and Redis faults answered with 503")
                .tag("store", store.label())
                .register(registry);
    }
}
