package dev.gatehouse.dpop;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.token.AccessTokenClaims;

/**
 * The {@code WWW-Authenticate} challenges of a protected resource that takes DPoP-bound tokens
 * (RFC 9449 §7.1) beside bearer tokens (RFC 6750 §3): the {@code DPoP} scheme names the proof
 * algorithms accepted.
 */
public final class DpopChallenges {

    static final String ALGS = "algs=\"" + String.join(" ", ProofVerifier.ALGORITHMS) + "\"";

    private DpopChallenges() {}

    /** RFC 9449 §7.1, RFC 6750 §3.1: no token came; either scheme may be used, and no error code is given. */
    public static ApiException tokenRequired() {
        return new ApiException(
                ErrorCode.INVALID_TOKEN,
                "An access token is required (Bearer, or DPoP with a proof)",
                "Bearer realm=\"gatehouse\", DPoP " + ALGS);
    }

    /** A refusal of a verified token in the challenge of its scheme: {@code DPoP} for a bound token's {@code invalid_token}. */
    public static ApiException forScheme(AccessTokenClaims claims, ApiException refused) {
        return claims.isDpopBound() && refused.code() == ErrorCode.INVALID_TOKEN ? atResource(refused) : refused;
    }

    /** The refusal answered as a protected resource does under the DPoP scheme: 401 with a {@code DPoP} challenge. */
    public static ApiException atResource(ApiException refused) {
        String challenge = "DPoP error=\"" + refused.code().code() + "\", error_description=\"" + refused.description()
                + "\", " + ALGS;
        return refused.withStatus(401).withChallenge(challenge);
    }
}
