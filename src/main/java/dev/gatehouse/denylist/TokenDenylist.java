package dev.gatehouse.denylist;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.metrics.StoreMetrics;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.TokenLifetimes;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Revocation of access tokens before they expire, in Redis so every replica sees it at once:
 * {@code gh:deny:{jti}} for one token, {@code gh:nbf:{userId}} for "every token of this user issued
 * before this millisecond" (optionally sparing one session). Every key lives only as long as the
 * tokens it refuses could. Redis faults fail closed: 503, never a wrong "not revoked".
 */
@ApplicationScoped
public class TokenDenylist {

    static final String DENY_PREFIX = "gh:deny:";
    static final String NOT_BEFORE_PREFIX = "gh:nbf:";
    /** Covers clock skew between replicas on top of the access-token lifetime. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final ReactiveValueCommands<String, String> values;
    private final Duration markTtl;
    private final StoreMetrics metrics;

    public TokenDenylist(ReactiveRedisDataSource redis, GatehouseConfig config, StoreMetrics metrics) {
        this.metrics = metrics;
        this.values = redis.value(String.class);
        this.markTtl = TokenLifetimes.longestAccessTtl(config.token().accessTtl()).plus(MARGIN);
    }

    /** Refuses the token with this id until it expires on its own. */
    public Uni<Void> deny(String jti, Instant expiresAt) {
        long seconds = Duration.between(Instant.now(), expiresAt).toSeconds() + 1;
        if (seconds <= 1) {
            return Uni.createFrom().voidItem();
        }
        return guard(values.set(DENY_PREFIX + jti, "1", new SetArgs().ex(seconds)), "deny").invoke(metrics::denylistWrite);
    }

    /**
     * Refuses every access token of the user issued before {@code epochMillis}, except those of the
     * session {@code spareSessionId} (null spares none).
     */
    public Uni<Void> denyAllBefore(String userId, long epochMillis, String spareSessionId) {
        String mark = spareSessionId == null ? Long.toString(epochMillis) : epochMillis + " " + spareSessionId;
        return guard(values.set(NOT_BEFORE_PREFIX + userId, mark, new SetArgs().ex(markTtl)), "not-before")
                .invoke(metrics::denylistWrite);
    }

    /** The values of {@code keys} in order (null for a missing key); 503 when Redis does not answer. */
    public Uni<List<String>> read(List<String> keys) {
        return guard(values.mget(keys.toArray(String[]::new)), "check").map(found -> keys.stream().map(found::get).toList());
    }

    /** The keys whose values decide whether the token was revoked, for a caller that reads them itself. */
    public List<String> keys(AccessTokenClaims claims) {
        String denyKey = DENY_PREFIX + claims.jti();
        return claims.userId() == null ? List.of(denyKey) : List.of(denyKey, NOT_BEFORE_PREFIX + claims.userId());
    }

    /**
     * Whether the token was revoked, given the values of {@link #keys} in that order (null for a
     * missing key). Fails closed with 503 when {@code values} is null: Redis did not answer.
     */
    public boolean isRevoked(AccessTokenClaims claims, List<String> found) {
        if (found == null) {
            Log.error("Redis denylist check failed: Redis did not answer");
            throw ApiException.unavailable();
        }
        return found.get(0) != null || (found.size() > 1 && beforeMark(claims, found.get(1)));
    }

    private static boolean beforeMark(AccessTokenClaims claims, String mark) {
        if (mark == null) {
            return false;
        }
        String[] parts = mark.split(" ", 2);
        long notBefore = Long.parseLong(parts[0]);
        boolean spared = parts.length == 2 && parts[1].equals(claims.sessionId());
        return claims.issuedAtMillis() < notBefore && !spared;
    }

    private <T> Uni<T> guard(Uni<T> call, String what) {
        return call.onFailure().transform(e -> {
            Log.errorf("Redis denylist %s failed: %s", what, e.toString());
            metrics.storeError(StoreMetrics.Store.REDIS);
            return ApiException.unavailable();
        });
    }
}
