package dev.gatehouse.audit;

import dev.gatehouse.config.GatehouseConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.mutiny.subscription.UniEmitter;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes audit rows to PostgreSQL off the request path: events wait in a bounded queue and are
 * inserted in batches (one pipelined statement batch, one transaction) every second. A row that cannot be written
 * (queue full, database down) is counted in {@code gatehouse_audit_dropped_total} and reported
 * once per flush; the request that caused it is never slowed or failed. Flushes run one at a
 * time, in the order asked (a stream of flush requests, each drained after the one before), so a
 * flush completes only when every row queued before it is written. The rows go through the
 * reactive SQL client, never a Hibernate session; pruning runs in its caller's Vert.x context
 * (the scheduler's own).
 */
@ApplicationScoped
public class AuditStore {

    static final int CAPACITY = 10_000;
    static final int BATCH = 500;

    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong overflowSinceReport = new AtomicLong();
    private static final String INSERT =
            "INSERT INTO audit_event (at, type, outcome, user_id, client_id, ip, user_agent,"
                    + " request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private final AuditRepository repository;
    private final Pool pool;
    private final Counter dropped;
    private final Duration retention;
    /** Each item is one flush's caller, completed once the queue has been drained for it. */
    private final MultiEmitter<? super UniEmitter<? super Void>> flushes;

    public AuditStore(AuditRepository repository, Pool pool, MeterRegistry registry, GatehouseConfig config) {
        this.repository = repository;
        this.pool = pool;
        this.flushes = oneAtATime();
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
        return Uni.createFrom().<Void>emitter(caller -> flushes.emit(caller));
    }

    /** Deletes rows older than {@code cutoff}; answers how many went. Needs a Vert.x context (Hibernate Reactive). */
    public Uni<Long> prune(Instant cutoff) {
        return Panache.withTransaction(() -> repository.deleteOlderThan(cutoff));
    }

    /** The flush requests, drained one after another; a drain never fails, so the stream never ends. */
    private MultiEmitter<? super UniEmitter<? super Void>> oneAtATime() {
        AtomicReference<MultiEmitter<? super UniEmitter<? super Void>>> requests = new AtomicReference<>();
        Multi.createFrom()
                .<UniEmitter<? super Void>>emitter(requests::set)
                .onItem()
                .transformToUniAndConcatenate(caller -> Uni.createFrom()
                        .deferred(this::drain)
                        .onFailure()
                        .recoverWithNull()
                        .invoke(() -> caller.complete(null)))
                .subscribe()
                .with(done -> {});
        return requests.get();
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
                .onFailure()
                .invoke(e -> Log.warnf("Pruning audit rows failed: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
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
        return pool.preparedQuery(INSERT)
                .executeBatch(rows)
                .chain(this::drain)
                .onFailure()
                .recoverWithItem(e -> {
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
}
