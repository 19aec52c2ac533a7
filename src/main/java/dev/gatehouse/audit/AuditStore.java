package dev.gatehouse.audit;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.error.Faults;
import dev.gatehouse.sql.Columns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes audit rows to PostgreSQL off the request path, in batches from a bounded queue every
 * second (one pipelined statement batch, one transaction); the request that caused a row is
 * never slowed or failed. While PostgreSQL cannot answer, the batch it did not take waits and is
 * written first once it answers, so an outage loses no row until the queue is full. Rows that
 * can never be written (queue full, a batch refused for another reason) are counted in
 * {@code gatehouse_audit_dropped_total} and reported once per flush. Flushes run one at a time in
 * the order asked, so a flush completes only after every row queued before it. Rows are written
 * and pruned through the reactive SQL client.
 */
@ApplicationScoped
public class AuditStore {

    static final int CAPACITY = 10_000;
    static final int BATCH = 500;

    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    /**
     * The batch PostgreSQL did not take because it could not answer, written before the queue's
     * next rows; empty otherwise. Only {@link #drain} changes it, and drains run one at a time.
     */
    private volatile List<AuditEvent> waiting = List.of();

    private final AtomicLong overflowSinceReport = new AtomicLong();
    private static final String INSERT =
            "INSERT INTO audit_event (at, type, outcome, user_id, client_id, ip, user_agent,"
                    + " request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private static final String PRUNE = "DELETE FROM audit_event WHERE at < $1";

    private final Pool pool;
    private final Counter dropped;
    private final Duration retention;
    /** Each item is one flush's caller, completed once the queue has been drained for it. */
    private final MultiEmitter<? super UniEmitter<? super Void>> flushes;

    public AuditStore(Pool pool, MeterRegistry registry, GatehouseConfig config) {
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

    /** Writes every queued row now; completes (never fails) once each is committed, waiting for PostgreSQL, or dropped. */
    public Uni<Void> flush() {
        return Uni.createFrom().<Void>emitter(caller -> flushes.emit(caller));
    }

    /**
     * Deletes rows older than {@code cutoff}; answers how many went. SQL on the plain client, as
     * the rows are written: as HQL it was the first query of a replica ten minutes after its
     * start, and loaded Hibernate's query parser on an event loop.
     */
    public Uni<Long> prune(Instant cutoff) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(Columns.utc(cutoff))).map(rows -> (long) rows.rowCount());
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

    /** Best effort: what is queued at shutdown is written before the pool closes; the rest is counted. */
    void onStop(@Observes ShutdownEvent event) {
        try {
            flush().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.debugf("Audit flush at shutdown: %s", e.toString());
        }
        int left = queue.size() + waiting.size();
        if (left > 0) {
            dropped.increment(left);
            Log.warnf("Dropped %d audit rows: PostgreSQL did not take them before shutdown", left);
        }
    }

    private Uni<Void> drain() {
        long overflow = overflowSinceReport.getAndSet(0);
        if (overflow > 0) {
            Log.warnf("Dropped %d audit rows: the audit queue (%d) was full", overflow, CAPACITY);
        }
        List<AuditEvent> batch = nextBatch();
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // one round trip, one implicit transaction: the extended protocol syncs once per batch
        return pool.preparedQuery(INSERT)
                .executeBatch(batch.stream().map(AuditStore::params).toList())
                .invoke(() -> written(batch))
                .chain(this::drain)
                .onFailure()
                .recoverWithItem(e -> {
                    notWritten(batch, e);
                    return null;
                });
    }

    /** The batch that waited for PostgreSQL, else up to {@link #BATCH} rows from the queue. */
    private List<AuditEvent> nextBatch() {
        if (!waiting.isEmpty()) {
            return waiting;
        }
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        queue.drainTo(batch, BATCH);
        return batch;
    }

    private void written(List<AuditEvent> batch) {
        if (batch == waiting) {
            waiting = List.of();
            Log.info("PostgreSQL answers again: the audit rows that waited are written");
        }
    }

    /**
     * PostgreSQL could not answer: the batch waits for the next flush (at least once: a batch whose
     * commit was made but whose answer was lost is written again). Refused for another reason (a
     * bug): it can never be written, so it is dropped, and the rest of the queue stays for the next flush.
     */
    private void notWritten(List<AuditEvent> batch, Throwable e) {
        if (Faults.isInfrastructure(e)) {
            if (waiting.isEmpty()) {
                Log.warnf(
                        "PostgreSQL did not take %d audit rows (%s): they wait, with up to %d more, until it answers",
                        batch.size(), e.toString(), CAPACITY);
            }
            waiting = batch;
            return;
        }
        waiting = List.of();
        dropped.increment(batch.size());
        Log.warnf("Dropped %d audit rows: PostgreSQL refused the batch: %s", batch.size(), e.toString());
    }

    private static Tuple params(AuditEvent event) {
        return Tuple.tuple()
                .addOffsetDateTime(Columns.utc(event.at()))
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
