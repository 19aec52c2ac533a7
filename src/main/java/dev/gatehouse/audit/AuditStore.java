package dev.gatehouse.audit;

import dev.gatehouse.config.GatehouseConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes audit rows to PostgreSQL off the request path: events wait in a bounded queue and are
 * inserted in batches (one pipelined statement batch, one transaction) every second. A row that cannot be written
 * (queue full, database down) is counted in {@code gatehouse_audit_dropped_total} and reported
 * once per flush; the request that caused it is never slowed or failed. Flushes run one at a
 * time, each on a fresh Vert.x context of its own (never inside a request's Hibernate session).
 */
@ApplicationScoped
public class AuditStore {

    static final int CAPACITY = 10_000;
    static final int BATCH = 500;

    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong overflowSinceReport = new AtomicLong();
    private static final String INSERT = "INSERT INTO audit_event (at, type, outcome, user_id, client_id, ip, user_agent,"
            + " request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private final AuditRepository repository;
    private final Pool pool;
    private final Vertx vertx;
    private final Counter dropped;
    private final Duration retention;
    private CompletableFuture<Void> lastFlush = CompletableFuture.completedFuture(null);

    public AuditStore(AuditRepository repository, Pool pool, Vertx vertx, MeterRegistry registry,
                      GatehouseConfig config) {
        this.repository = repository;
        this.pool = pool;
        this.vertx = vertx;
        this.retention = config.audit().retention();
        this.dropped = Counter.builder("gatehouse.audit.dropped")
                .description("Audit rows that could not be stored (queue full or database unavailable)")
                .register(registry);
    }

    /** Queues the row; false (and counted) when the queue is full. Never blocks. */
    boolean offer(AuditEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        dropped.increment();
        overflowSinceReport.incrementAndGet();
        return false;
    }

    /** Writes every queued row now; completes (never fails) once they are committed or counted as dropped. */
    public Uni<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = lastFlush;
            lastFlush = done;
        }
        previous.whenComplete((ignored, error) -> onOwnContext(this::drain)
                .subscribe().with(ok -> done.complete(null), failure -> done.complete(null)));
        return Uni.createFrom().completionStage(done);
    }

    /** Deletes rows older than {@code cutoff}; answers how many went. */
    public Uni<Long> prune(Instant cutoff) {
        return onOwnContext(() -> Panache.withTransaction(() -> repository.deleteOlderThan(cutoff)));
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFlush() {
        return flush();
    }

    /** Daily (and some minutes after each start): retention, {@code gatehouse.audit.retention}. */
    @Scheduled(every = "24h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPrune() {
        return prune(Instant.now().minus(retention))
                .invoke(count -> Log.infof("Pruned %d audit rows older than %s", count, retention))
                .onFailure().invoke(e -> Log.warnf("Pruning audit rows failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Best effort: what is queued at shutdown is written before the pool closes. */
    void onStop(@Observes ShutdownEvent event) {
        try {
            flush().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.warnf("%d audit rows could not be written at shutdown: %s", queue.size(), e.toString());
        }
    }

    private Uni<Void> drain() {
        long overflow = overflowSinceReport.getAndSet(0);
        if (overflow > 0) {
            Log.warnf("Dropped %d audit rows: the audit queue (%d) was full", overflow, CAPACITY);
        }
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        queue.drainTo(batch, BATCH);
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = batch.stream().map(AuditStore::params).toList();
        // one round trip, one implicit transaction: the extended protocol syncs once per batch
        return pool.preparedQuery(INSERT).executeBatch(rows)
                .chain(this::drain)
                .onFailure().recoverWithItem(e -> {
                    // the rest stays queued for the next flush, so an outage costs one batch per second
                    dropped.increment(batch.size());
                    Log.warnf("Dropped %d audit rows: PostgreSQL refused the batch: %s", batch.size(), e.toString());
                    return null;
                });
    }

    private static Tuple params(AuditEvent event) {
        return Tuple.tuple()
                .addOffsetDateTime(event.at().atOffset(ZoneOffset.UTC))
                .addString(event.type().wireName())
                .addString(event.outcome().wireName())
                .addString(event.userId())
                .addString(event.clientId())
                .addString(event.ip())
                .addString(event.userAgent())
                .addString(event.requestId())
                .addString(event.detail());
    }

    /** Runs {@code work} on a new, safe duplicated Vert.x context: Hibernate Reactive needs one. */
    private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }
}
