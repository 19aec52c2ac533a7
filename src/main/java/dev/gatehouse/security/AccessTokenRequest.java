package dev.gatehouse.security;

import dev.gatehouse.ratelimit.Limit;
import dev.gatehouse.token.AccessTokenClaims;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A verified access token for Gatehouse's API, and the request limit it counts against (or null). */
final class AccessTokenRequest extends BaseAuthenticationRequest {

    private final AccessTokenClaims claims;
    private final Limit limit;

    AccessTokenRequest(AccessTokenClaims claims, Limit limit) {
        this.claims = claims;
        this.limit = limit;
    }

    AccessTokenClaims claims() {
        return claims;
    }

    Limit limit() {
        return limit;
    }
}
