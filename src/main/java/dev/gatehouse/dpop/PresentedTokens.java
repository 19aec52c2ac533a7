package dev.gatehouse.dpop;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.AccessTokenVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The access token of a request to one of Gatehouse's protected resources, verified with what its
 * scheme demands: {@code Authorization: Bearer} (RFC 6750 §2.1) for a token bound to no key, or
 * {@code Authorization: DPoP} with a proof of the key the token is bound to (RFC 9449 §7.1). A
 * bound token never passes as a bearer token (§7.2). The audience and revocation are the caller's.
 */
@ApplicationScoped
public class PresentedTokens {

    private static final String BEARER = "Bearer ";
    private static final String DPOP = "DPoP ";

    private final AccessTokenVerifier verifier;
    private final DpopProofs proofs;

    public PresentedTokens(AccessTokenVerifier verifier, DpopProofs proofs) {
        this.verifier = verifier;
        this.proofs = proofs;
    }

    /**
     * The claims of the request's token; 401 {@code invalid_token}, {@code invalid_dpop_proof} or
     * {@code use_dpop_nonce} with the challenge of the scheme used. A fresh nonce, when there is one,
     * goes into the answer's {@code DPoP-Nonce} header.
     */
    public Uni<AccessTokenClaims> verify(HttpServerRequest request) {
        return Uni.createFrom().deferred(() -> {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (startsWith(authorization, DPOP)) {
                return bound(request, token(authorization, DPOP))
                        .onFailure(ApiException.class)
                        .transform(e -> DpopChallenges.atResource((ApiException) e));
            }
            if (startsWith(authorization, BEARER)) {
                return Uni.createFrom().item(verifyBearer(token(authorization, BEARER)));
            }
            throw DpopChallenges.tokenRequired();
        });
    }

    /** A token presented as a bearer token (header or form body, RFC 6750 §2): never one bound to a key. */
    public AccessTokenClaims verifyBearer(String token) {
        AccessTokenClaims claims = verifier.verify(token);
        // RFC 9449 §7.2: a DPoP-bound token sent as a bearer token is refused
        if (claims.isDpopBound()) {
            throw DpopChallenges.atResource(new ApiException(
                    ErrorCode.INVALID_TOKEN,
                    "The access token is bound to a DPoP key; send it with the DPoP scheme and a proof"));
        }
        return claims;
    }

    private Uni<AccessTokenClaims> bound(HttpServerRequest request, String token) {
        AccessTokenClaims claims = verifier.verify(token);
        // RFC 9449 §7.1: the DPoP scheme is for tokens bound to a key
        if (!claims.isDpopBound()) {
            throw ApiException.invalidToken("The access token is not bound to a DPoP key; send it as a Bearer token");
        }
        return proofs.check(
                        request.headers().getAll(DpopProofs.HEADER),
                        request.method().name(),
                        request.path(),
                        token)
                .map(proven -> {
                    // RFC 9449 §4.3 step 12: the proof is signed by the key the token is bound to
                    if (!proven.jkt().equals(claims.jkt())) {
                        throw ProofVerifier.invalid(
                                "The DPoP proof is not signed by the key the access token is bound to");
                    }
                    if (proven.nextNonce() != null) {
                        request.response().putHeader(DpopProofs.NONCE_HEADER, proven.nextNonce());
                    }
                    return claims;
                });
    }

    private static boolean startsWith(String authorization, String scheme) {
        return authorization != null
                && authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                && authorization.length() > scheme.length();
    }

    private static String token(String authorization, String scheme) {
        return authorization.substring(scheme.length()).trim();
    }
}
