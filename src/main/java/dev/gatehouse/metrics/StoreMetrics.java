package dev.gatehouse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
     * raised them (a connection reset surfaces as a plain I/O error from the client's code).
     */
    public static Store storeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
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
