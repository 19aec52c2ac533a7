package dev.gatehouse.denylist;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.FaultLog;
import dev.gatehouse.metrics.StoreMetrics;
import dev.gatehouse.redis.ReadAlong;
import dev.gatehouse.token.AccessTokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether one access token was revoked: the denylist keys that decide it, read alone
 * ({@link TokenDenylist#isRevoked}) or along another script ({@link TokenDenylist#revocation}),
 * and the answer once their values are {@link #found}. One per request.
 */
public final class Revocation implements ReadAlong {

    private final AccessTokenClaims claims;
    /**
     * The epoch as a time, from {@code gh:epoch}, {@code gh:history} and the server's replication id;
     * fails closed when the data or its history is not the one the marks were written in ({@link
     * RedisEpoch#at}).
     */
    private final ToLongFunction<List<String>> epoch;
    /** Null until found, and when Redis did not answer. */
    private List<String> values;

    Revocation(AccessTokenClaims claims, ToLongFunction<List<String>> epoch) {
        this.claims = claims;
        this.epoch = epoch;
    }

    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>(5);
        keys.add(TokenDenylist.DENY_PREFIX + claims.jti());
        if (claims.sessionId() != null) {
            keys.add(TokenDenylist.SESSION_PREFIX + claims.sessionId());
        }
        if (claims.userId() != null) {
            keys.add(TokenDenylist.NOT_BEFORE_PREFIX + claims.userId());
        }
        keys.add(RedisEpoch.KEY);
        keys.add(RedisHistory.KEY);
        return keys;
    }

    @Override
    public void found(List<String> values) {
        this.values = values;
    }

    /** Whether the token was revoked. Fails closed with 503 when Redis did not answer. */
    public boolean revoked() {
        if (values == null) {
            // the limit script that read the marks counted the fault (RateLimiter)
            FaultLog.error(StoreMetrics.Store.REDIS, "Redis denylist check failed: Redis did not answer");
            throw ApiException.unavailable();
        }
        // the keys' values, then the server's replication id: the last three decide the epoch
        if (claims.issuedAtMillis() < epoch.applyAsLong(values.subList(values.size() - 3, values.size()))) {
            return true; // issued before Redis lost its data or the marks written just before a failover
        }
        int next = 0;
        if (values.get(next++) != null) {
            return true;
        }
        if (claims.sessionId() != null && values.get(next++) != null) {
            return true;
        }
        return claims.userId() != null
                && NotBeforeMarks.refuses(values.get(next), claims.issuedAtMillis(), claims.sessionId());
    }
}
