package dev.gatehouse.denylist;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.TokenLifetimes;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.FaultLog;
import dev.gatehouse.metrics.StoreMetrics;
import dev.gatehouse.token.AccessTokenClaims;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
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
 * <li>{@code gh:epoch}: when this Redis's data began, as far as Gatehouse knows (no TTL). Redis runs
 * with {@code noeviction}, so the key goes only with all the data (a restart without persistence, a
 * flush, a failover to an empty replica); then every mark above is gone too, so every access token
 * issued before the key is written again is refused (the browser sessions were in Redis, and went
 * with it).</li>
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
    static final String EPOCH = "gh:epoch";
    /** The longest a browser session of the authorization endpoint lives; its end marks live as long. */
    public static final Duration LONGEST_BROWSER_SESSION = Duration.ofHours(8);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    /** Covers clock skew between replicas on top of the access-token lifetime. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final Duration markTtl;
    private final StoreMetrics metrics;

    public TokenDenylist(ReactiveRedisDataSource redis, GatehouseConfig config, StoreMetrics metrics) {
        this.redis = redis;
        this.metrics = metrics;
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

    /** When the user's browser sessions last ended (epoch millis), or 0. */
    public Uni<Long> browserSessionsEndedAt(String userId) {
        return guard(values.get(BROWSER_PREFIX + userId), "browser check")
                .map(mark -> mark == null ? 0L : Long.parseLong(mark));
    }

    /** Writes {@code gh:epoch} (now) unless it is there: at start, and when a check finds it gone. */
    Uni<Void> markEpoch() {
        return values.set(EPOCH, Long.toString(System.currentTimeMillis()), new SetArgs().nx());
    }

    void onStart(@Observes StartupEvent event) {
        try {
            markEpoch().await().atMost(START_TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("Could not mark when Redis's data began (%s); the first token check will", e.toString());
        }
    }

    /**
     * The epoch's value as a time. When it is gone, Redis lost its data: it is written again, so
     * every access token issued before now is refused, and this request fails closed.
     */
    long epoch(String value) {
        if (value == null) {
            markEpoch().subscribe().with(done -> {}, e -> {}); // a failure: the next check writes it
            metrics.storeError(StoreMetrics.Store.REDIS);
            FaultLog.error(
                    StoreMetrics.Store.REDIS,
                    "Redis lost its data (" + EPOCH + " is gone): access tokens issued before now are refused");
            throw ApiException.unavailable();
        }
        return Long.parseLong(value);
    }

    /** Whether the token was revoked, in a round trip of its own; 503 when Redis does not answer. */
    public Uni<Boolean> isRevoked(AccessTokenClaims claims) {
        Revocation revocation = revocation(claims);
        List<String> keys = revocation.keys();
        return guard(values.mget(keys.toArray(String[]::new)), "check").map(found -> {
            revocation.found(keys.stream().map(found::get).toList());
            return revocation.revoked();
        });
    }

    /** The revocation check of the token, for a caller that reads its keys along a script of its own. */
    public Revocation revocation(AccessTokenClaims claims) {
        return new Revocation(claims, this::epoch);
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
