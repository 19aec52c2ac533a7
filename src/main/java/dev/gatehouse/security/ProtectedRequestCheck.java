package dev.gatehouse.security;

import dev.gatehouse.denylist.Revocation;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.ratelimit.Limit;
import dev.gatehouse.ratelimit.RequestLimits;
import dev.gatehouse.token.AccessTokenClaims;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Redis side of a protected request, in one round trip: the rate limiter's window ops for the
 * request limit with the denylist's revocation keys read along ({@link Revocation}). Neither
 * knows the other: the limiter reads keys it does not interpret, the denylist interprets values
 * it did not read.
 */
@ApplicationScoped
class ProtectedRequestCheck {

    private final TokenDenylist denylist;
    private final RequestLimits limits;

    ProtectedRequestCheck(TokenDenylist denylist, RequestLimits limits) {
        this.denylist = denylist;
        this.limits = limits;
    }

    /**
     * Counts the request against {@code limit} (none: null; 429 past it) and answers whether the
     * token was revoked (503 when Redis does not answer).
     */
    Uni<Boolean> countAndCheckRevoked(Limit limit, AccessTokenClaims claims) {
        if (limit == null) {
            return denylist.isRevoked(claims);
        }
        Revocation revocation = denylist.revocation(claims);
        return limits.count(limit, revocation).map(counted -> revocation.revoked());
    }
}
