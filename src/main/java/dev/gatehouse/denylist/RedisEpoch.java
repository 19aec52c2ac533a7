package dev.gatehouse.denylist;

import dev.gatehouse.config.Profiles;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.FaultLog;
import dev.gatehouse.metrics.StoreMetrics;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * From when the denylist's marks can be trusted: {@code gh:epoch} (no TTL, so it goes only with all
 * of Redis's data) and {@code gh:history} ({@link RedisHistory}: the replication history the marks
 * since were written in). Every access token issued before the epoch is refused. When a check finds
 * the epoch gone or another history, this replica fails closed until it has moved the epoch to now.
 */
@ApplicationScoped
public class RedisEpoch {

    static final String KEY = "gh:epoch";

    /** The longest a start, or a check's renewal, waits for Redis to renew the epoch. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final StoreMetrics metrics;
    /** The replication id the latest check of this replica read; null before the first. */
    private final AtomicReference<String> seen = new AtomicReference<>();
    /** The latest epoch a renewal put in force, for a check that read the key before it landed. */
    private final AtomicLong renewed = new AtomicLong();
    /** A renewal is on its way: checks fail closed until its epoch is known. */
    private final AtomicBoolean renewing = new AtomicBoolean();

    public RedisEpoch(ReactiveRedisDataSource redis, StoreMetrics metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    /** What {@link RedisHistory#RENEW} answered: whether the epoch moved, the one in force, the server's history. */
    record Renewal(boolean moved, long epoch, String history) {}

    void onStart(@Observes StartupEvent event) {
        try {
            Renewal renewal = renew(null).await().atMost(START_TIMEOUT);
            seen.set(renewal.history());
            if (renewal.moved()) {
                Log.info("Redis's data or its replication history is new: access tokens issued before now are refused");
            }
        } catch (RuntimeException e) {
            if (refusesInfo(e)) {
                // every token check would answer 503: a replica that cannot start takes no traffic
                String problem = "Redis refuses INFO to Gatehouse's user, and every token check reads INFO replication"
                        + " (grant it: ACL SETUSER <user> +info; do not rename the command away)";
                if (!Profiles.isDevOrTest()) {
                    throw new IllegalStateException("Gatehouse cannot start: " + problem, e);
                }
                Log.warnf("!!! %s. Outside dev and test Gatehouse refuses to start !!!", problem);
                return;
            }
            Log.warnf("Could not mark when Redis's data began (%s); the first token check will", e.toString());
        }
    }

    /**
     * A Redis that will not run INFO for Gatehouse: an ACL that denies it (NOPERM, or its wording
     * inside a script), or the command renamed away ({@code rename-command INFO ""}). The scripts
     * call no other command that a server could lack.
     */
    static boolean refusesInfo(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.startsWith("NOPERM")
                    || message.contains("can't run this command")
                    || message.contains("Unknown Redis command called from script")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The epoch in epoch millis, from the last three values a check read: {@code gh:epoch}, {@code
     * gh:history} and the server's replication id. Fails closed (503) when Redis lost its data or
     * its history changed, and while the renewal that follows is on its way.
     */
    long at(List<String> tail) {
        String server = tail.get(2);
        String last = seen.get();
        RedisHistory.State state = RedisHistory.State.of(tail.get(0), tail.get(1), server, last);
        if (state == RedisHistory.State.DATA_LOST || state == RedisHistory.State.HISTORY_CHANGED) {
            if (renewing.compareAndSet(false, true)) {
                FaultLog.error(StoreMetrics.Store.REDIS, lost(state));
                renew(last)
                        .ifNoItem()
                        .after(START_TIMEOUT) // never checks failing closed for a renewal that never answers
                        .fail()
                        .subscribe()
                        .with(this::renewedTo, e -> renewing.set(false)); // the next check retries
            }
            metrics.storeError(StoreMetrics.Store.REDIS);
            throw ApiException.unavailable();
        }
        if (renewing.get()) {
            metrics.storeError(StoreMetrics.Store.REDIS);
            throw ApiException.unavailable();
        }
        if (state == RedisHistory.State.UNRECORDED) {
            renew(last).subscribe().with(renewal -> {}, e -> {}); // records it; a failure: the next check
        }
        seen.compareAndSet(last, server);
        return Math.max(Long.parseLong(tail.get(0)), renewed.get());
    }

    private void renewedTo(Renewal renewal) {
        renewed.accumulateAndGet(renewal.epoch(), Math::max);
        seen.set(renewal.history());
        renewing.set(false);
    }

    /** Runs {@link RedisHistory#RENEW}; {@code last}: the history this replica read last, or null. */
    Uni<Renewal> renew(String last) {
        return redis.execute(
                        "EVAL",
                        RedisHistory.RENEW,
                        "2",
                        KEY,
                        RedisHistory.KEY,
                        Long.toString(System.currentTimeMillis()),
                        last == null ? "" : last)
                .map(RedisEpoch::renewal);
    }

    private static Renewal renewal(Response answer) {
        return new Renewal(
                answer.get(0).toInteger() == 1,
                Long.parseLong(answer.get(1).toString()),
                answer.get(2).toString());
    }

    private static String lost(RedisHistory.State state) {
        return (state == RedisHistory.State.DATA_LOST
                        ? "Redis lost its data (" + KEY + " is gone)"
                        : "Redis's replication history changed (a failover: the marks written just before it may be"
                                + " lost)")
                + ": access tokens issued before now are refused";
    }
}
