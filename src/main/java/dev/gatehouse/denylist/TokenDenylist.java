package dev.gatehouse.denylist;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.TokenLifetimes;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.FaultLog;
import dev.gatehouse.metrics.StoreMetrics;
import dev.gatehouse.redis.ReadAlong;
import dev.gatehouse.token.AccessTokenClaims;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Revocation before expiry, in Redis so every replica sees it at once. It owns these keys:
 * <ul>
 * <li>{@code gh:deny:{jti}}: one access token;</li>
 * <li>{@code gh:sid:{sid}}: every access token of one session (a revoked refresh family);</li>
 * <li>{@code gh:nbf:{userId}}: every token of the user issued before a time, maybe sparing one
 * session ({@link NotBeforeMarks}: marks accumulate and never weaken);</li>
 * <li>{@code gh:bnf:{userId}}: the user's browser sessions of the authorization endpoint that
 * began before a time;</li>
 * <li>{@code gh:epoch} and {@code gh:history} ({@link RedisEpoch}): from when the marks above can be
 * trusted. Redis runs with {@code noeviction}, so the epoch goes only with all the data (a restart
 * without persistence, a flush, a failover to an empty replica), and a failover that may have lost
 * the last marks starts another history; either way every access token issued, and every browser
 * session begun, before the epoch is written again is refused ({@link #epoch} for the single-use
 * codes).</li>
 * </ul>
 * Every other key lives only as long as what it refuses could. Redis faults fail closed: 503, never
 * a wrong "not revoked".
 */
@ApplicationScoped
public class TokenDenylist {

    static final String DENY_PREFIX = "gh:deny:";
    static final String SESSION_PREFIX = "gh:sid:";
    static final String NOT_BEFORE_PREFIX = "gh:nbf:";
    static final String BROWSER_PREFIX = "gh:bnf:";
    /** The longest a browser session of the authorization endpoint lives; its end marks live as long. */
    public static final Duration LONGEST_BROWSER_SESSION = Duration.ofHours(8);

    /** Covers clock skew between replicas on top of the access-token lifetime. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final Duration markTtl;
    private final StoreMetrics metrics;
    private final RedisEpoch epoch;

    public TokenDenylist(
            ReactiveRedisDataSource redis, GatehouseConfig config, StoreMetrics metrics, RedisEpoch epoch) {
        this.redis = redis;
        this.metrics = metrics;
        this.epoch = epoch;
        this.values = redis.value(String.class);
        this.markTtl =
                TokenLifetimes.longestAccessTtl(config.token().accessTtl()).plus(MARGIN);
    }

    /** Refuses the token with this id until it expires on its own. */
    public Uni<Void> deny(String jti, Instant expiresAt) {
        long seconds = Duration.between(Instant.now(), expiresAt).toSeconds() + 1;
        if (seconds <= 1) {
            return Uni.createFrom().voidItem();
        }
        return write(values.set(DENY_PREFIX + jti, "1", new SetArgs().ex(seconds)), "deny");
    }

    /** Refuses every access token of the session {@code sid} (its refresh family was revoked, RFC 7009 §2.1). */
    public Uni<Void> denySession(String sid) {
        return write(values.set(SESSION_PREFIX + sid, "1", new SetArgs().ex(markTtl)), "session");
    }

    /**
     * Refuses every access token of the user issued before {@code epochMillis}, except those of the
     * session {@code spareSessionId} (null spares none), and ends the user's browser sessions begun
     * before then. The mark adds to the earlier ones: no later mark can make an earlier one weaker.
     */
    public Uni<Void> denyAllBefore(String userId, long epochMillis, String spareSessionId) {
        return write(
                redis.execute(
                        "EVAL",
                        NotBeforeMarks.ADD_SCRIPT,
                        "2",
                        NOT_BEFORE_PREFIX + userId,
                        BROWSER_PREFIX + userId,
                        Long.toString(epochMillis),
                        NotBeforeMarks.spare(spareSessionId),
                        Long.toString(markTtl.toSeconds()),
                        Long.toString(LONGEST_BROWSER_SESSION.toSeconds())),
                "not-before");
    }

    /** Ends the user's browser sessions begun before now (a logout of one session). */
    public Uni<Void> endBrowserSessions(String userId) {
        return write(
                redis.execute(
                        "EVAL",
                        NotBeforeMarks.MAX_SCRIPT,
                        "1",
                        BROWSER_PREFIX + userId,
                        Long.toString(System.currentTimeMillis()),
                        Long.toString(LONGEST_BROWSER_SESSION.toSeconds())),
                "browser");
    }

    /**
     * Before when (epoch millis) a browser session of the user has ended: the user's latest end mark,
     * or the epoch when it is later. A failover may have lost the last end marks (a password change's,
     * say), so the sessions begun before it end too, as the access tokens issued before it are refused
     * ({@link RedisEpoch#at}; fails closed, 503, while the history changes).
     */
    public Uni<Long> browserSessionsEndedAt(String userId) {
        return read("browser check", List.of(BROWSER_PREFIX + userId, RedisEpoch.KEY, RedisHistory.KEY))
                .map(read -> {
                    long ended = read.get(0) == null ? 0L : Long.parseLong(read.get(0));
                    return Math.max(ended, epoch.at(read.subList(1, 4)));
                });
    }

    /**
     * The epoch (epoch millis): a single-use mark Redis took before it (a spent authorization or device
     * code) may have been lost with its data or in a failover, so what it guarded is refused. Fails
     * closed, 503, when Redis does not answer or its history changes ({@link RedisEpoch#at}).
     */
    public Uni<Long> epoch() {
        return read("epoch check", List.of(RedisEpoch.KEY, RedisHistory.KEY)).map(epoch::at);
    }

    /** Whether the token was revoked, in a round trip of its own; 503 when Redis does not answer. */
    public Uni<Boolean> isRevoked(AccessTokenClaims claims) {
        Revocation revocation = revocation(claims);
        return read("check", revocation.keys()).map(found -> {
            revocation.found(found);
            return revocation.revoked();
        });
    }

    /** The revocation check of the token, for a caller that reads its keys along a script of its own. */
    public Revocation revocation(AccessTokenClaims claims) {
        return new Revocation(claims, epoch::at);
    }

    /** The keys' values, then the server's replication id, in one round trip ({@link RedisHistory#READ}). */
    private Uni<List<String>> read(String what, List<String> keys) {
        List<String> args = new ArrayList<>(List.of(RedisHistory.READ, Integer.toString(keys.size())));
        args.addAll(keys);
        return guard(redis.execute("EVAL", args.toArray(String[]::new)), what).map(found -> ReadAlong.values(found, 0));
    }

    private Uni<Void> write(Uni<?> call, String what) {
        return guard(call, what).invoke(metrics::denylistWrite).replaceWithVoid();
    }

    private <T> Uni<T> guard(Uni<T> call, String what) {
        return call.onFailure().transform(e -> {
            FaultLog.error(StoreMetrics.Store.REDIS, "Redis denylist " + what + " failed: " + e);
            metrics.storeError(StoreMetrics.Store.REDIS);
            return ApiException.unavailable();
        });
    }
}
