package dev.gatehouse.security;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.dpop.DpopChallenges;
import dev.gatehouse.dpop.PresentedTokens;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.ratelimit.Limit;
import dev.gatehouse.ratelimit.RequestLimits;
import dev.gatehouse.token.AccessTokenClaims;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates requests to Gatehouse's own API (the resources guarded by
 * {@code @PermissionsAllowed}) with an RFC 9068 access token in {@code Authorization: Bearer}
 * (RFC 6750 §2.1) or, bound to a key, in {@code Authorization: DPoP} with a proof (RFC 9449 §7;
 * {@link PresentedTokens}: the proof's replay mark is one Redis call). The signature and claims
 * are checked without I/O, and the token must name Gatehouse's API in {@code aud}; the denylist is read by
 * {@link AccessTokenIdentityProvider}, in the same Redis round trip that counts the
 * {@code /api/**} request limit. A refused token still counts against that limit (429 comes
 * before 401).
 */
@ApplicationScoped
public class AccessTokenMechanism implements HttpAuthenticationMechanism {

    private final PresentedTokens tokens;
    private final RequestLimits limits;
    private final Issuer issuer;

    public AccessTokenMechanism(PresentedTokens tokens, RequestLimits limits, Issuer issuer) {
        this.tokens = tokens;
        this.limits = limits;
        this.issuer = issuer;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Limit limit = limits.limitFor(context.normalizedPath(), ClientIp.of(context.request()));
        return tokens.verify(context.request())
                .map(this::forThisApi)
                // a refused token still counts against the limit
                .onFailure(ApiException.class)
                .recoverWithUni(refused -> limit == null
                        ? Uni.createFrom().failure(refused)
                        : limits.count(limit).chain(ignored -> Uni.createFrom().failure(refused)))
                .chain(claims -> identities.authenticate(
                        HttpSecurityUtils.setRoutingContextAttribute(new AccessTokenRequest(claims, limit), context)));
    }

    /** RFC 9068 §4: a resource server refuses a token whose {@code aud} does not name it. */
    private AccessTokenClaims forThisApi(AccessTokenClaims claims) {
        if (!claims.audiences().contains(issuer.audience())) {
            throw ApiException.invalidToken("The access token is not for this API");
        }
        return claims;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom()
                .item(new ChallengeData(
                        401, "WWW-Authenticate", DpopChallenges.tokenRequired().challenge()));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AccessTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
