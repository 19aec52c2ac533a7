package dev.gatehouse.ratelimit;

import dev.gatehouse.metrics.StoreMetrics;
import dev.gatehouse.redis.ReadAlong;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sliding-window limits in Redis, one atomic round trip per check (a Lua script over sorted sets
 * keyed {@code gh:rl:{limit}:{key}}), shared by every replica. When Redis cannot answer, the
 * same limits are kept per replica in memory ({@link LocalWindows}) so brute force stays bounded;
 * a Redis fault never becomes an error here.
 */
@ApplicationScoped
public class RateLimiter {

    /** What a check does besides counting. */
    enum Mode {
        /** Count the event if every limit has room. */
        HIT,
        /** Only look. */
        PEEK,
        /** Count the event whatever the counts (a failure that already happened). */
        ADD,
        /**
         * Hold a slot for an attempt whose outcome is not known yet (a login checking its password):
         * allowed when the failures counted plus the attempts pending leave room; kept apart from
         * the failures, so attempts in flight never look like failures to a request that asks later.
         */
        RESERVE,
        /** The reserved attempt failed: it leaves the pending ones and counts as a failure. */
        COMMIT;

        /** The same check on this replica's memory, which keeps no pending attempts apart. */
        Mode inMemory() {
            return switch (this) {
                case RESERVE -> HIT;
                case COMMIT -> PEEK; // the reservation was already counted
                default -> this;
            };
        }
    }

    private final ReactiveRedisDataSource redis;
    private final LocalWindows local = new LocalWindows();
    private final AtomicBoolean fallback = new AtomicBoolean();

    private final StoreMetrics metrics;

    public RateLimiter(ReactiveRedisDataSource redis, MeterRegistry registry, StoreMetrics metrics) {
        this.redis = redis;
        this.metrics = metrics;
        Gauge.builder("gatehouse.ratelimit.fallback", fallback, state -> state.get() ? 1 : 0)
                .description("1 while rate limits are kept in this replica's memory because Redis does not answer")
                .register(registry);
    }

    /** Counts the event under every limit if all have room; the decision says whether they had. */
    public Uni<Decision> hit(String member, List<Limit> limits) {
        return check(Mode.HIT, member, limits);
    }

    /**
     * Counts the event under {@code hits} if they and {@code peeks} all have room, looks at
     * {@code peeks} without counting, and reads the keys of {@code along}, handing it their values:
     * one round trip (a request limit, the client's failed authentications, another feature's
     * keys). When Redis does not answer, the decision comes from this replica's memory and
     * {@code along} finds null: its owner decides how to fail.
     */
    public Uni<Decision> hitPeekAndRead(String member, List<Limit> hits, List<Limit> peeks, ReadAlong along) {
        List<Limit> limits = new ArrayList<>(hits);
        limits.addAll(peeks);
        List<Mode> modes = new ArrayList<>(Collections.nCopies(hits.size(), Mode.HIT));
        modes.addAll(Collections.nCopies(peeks.size(), Mode.PEEK));
        return check(modes, member, limits, along);
    }

    /** Where the limits stand, counting nothing. */
    public Uni<Decision> peek(List<Limit> limits) {
        return check(Mode.PEEK, "-", limits);
    }

    /** Holds a slot for an attempt in flight ({@link Mode#RESERVE}); {@link #remove} or {@link #commit} ends it. */
    public Uni<Decision> reserve(String member, List<Limit> limits) {
        return check(Mode.RESERVE, member, limits);
    }

    /** The reserved attempt failed: it now counts as a failure under every limit. */
    public Uni<Decision> commit(String member, List<Limit> limits) {
        return check(Mode.COMMIT, member, limits);
    }

    /** Counts an event that already happened (a failure). */
    public Uni<Decision> add(String member, List<Limit> limits) {
        return check(Mode.ADD, member, limits);
    }

    /** Takes back an event counted with {@link #hit} (a login that succeeded). */
    public Uni<Void> remove(String member, List<Limit> limits) {
        List<String> args = new ArrayList<>(List.of(LimitScripts.REMOVE, Integer.toString(limits.size())));
        limits.forEach(limit -> args.add(limit.redisKey()));
        args.add(member);
        return redis.execute("EVAL", args.toArray(String[]::new))
                .invoke(this::redisAnswered)
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(e -> {
                    redisFailed(e);
                    local.remove(member, limits);
                    return null;
                });
    }

    private Uni<Decision> check(Mode mode, String member, List<Limit> limits) {
        return check(Collections.nCopies(limits.size(), mode), member, limits, ReadAlong.NONE);
    }

    private Uni<Decision> check(List<Mode> modes, String member, List<Limit> limits, ReadAlong along) {
        long now = System.currentTimeMillis();
        List<String> readKeys = along.keys();
        List<String> args =
                new ArrayList<>(List.of(LimitScripts.CHECK, Integer.toString(limits.size() + readKeys.size())));
        limits.forEach(limit -> args.add(limit.redisKey()));
        args.addAll(readKeys);
        args.addAll(List.of(Long.toString(now), member, Integer.toString(limits.size())));
        for (int i = 0; i < limits.size(); i++) {
            args.add(Long.toString(limits.get(i).window().toMillis()));
            args.add(Integer.toString(limits.get(i).max()));
            args.add(modes.get(i).name());
        }
        return redis.execute("EVAL", args.toArray(String[]::new))
                .invoke(this::redisAnswered)
                .map(response -> {
                    along.found(ReadAlong.values(response, 1 + 2 * limits.size()));
                    return decision(response, limits, now);
                })
                .onFailure()
                .recoverWithItem(e -> {
                    redisFailed(e);
                    along.found(null);
                    return local.check(modes.stream().map(Mode::inMemory).toList(), member, limits, now);
                });
    }

    private static Decision decision(Response response, List<Limit> limits, long now) {
        List<LimitStatus> statuses = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            long count = response.get(1 + 2 * i).toLong();
            long oldest = Long.parseLong(response.get(2 + 2 * i).toString().split("\\.")[0]);
            statuses.add(status(limits.get(i), count, oldest, now));
        }
        return new Decision(response.get(0).toInteger() == 1, statuses);
    }

    static LimitStatus status(Limit limit, long count, long oldestMillis, long now) {
        long windowMillis = limit.window().toMillis();
        long resetMillis = oldestMillis < 0 ? windowMillis : Math.max(0, oldestMillis + windowMillis - now);
        int remaining = (int) Math.max(0, limit.max() - count);
        return new LimitStatus(limit, remaining, (resetMillis + 999) / 1000);
    }

    private void redisAnswered(Object ignored) {
        if (fallback.compareAndSet(true, false)) {
            Log.info("Redis answers again: rate limits are shared across replicas again");
        }
    }

    private void redisFailed(Throwable e) {
        metrics.storeError(StoreMetrics.Store.REDIS);
        if (fallback.compareAndSet(false, true)) {
            Log.warnf("Redis did not answer (%s): rate limits fall back to this replica's memory", e.toString());
        }
    }
}
