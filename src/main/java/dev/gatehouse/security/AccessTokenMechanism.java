package dev.gatehouse.security;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.ratelimit.Limit;
import dev.gatehouse.ratelimit.RequestLimits;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.BearerHeader;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Authenticates requests to Gatehouse's own API (the resources guarded by
 * {@code @PermissionsAllowed}) with an RFC 9068 access token in {@code Authorization: Bearer}
 * (RFC 6750 §2.1). The signature and claims are checked here, without I/O, and the token must
 * name Gatehouse's API in {@code aud}; the denylist is read by
 * {@link AccessTokenIdentityProvider}, in the same Redis round trip that counts the
 * {@code /api/**} request limit. A refused token still counts against that limit (429 comes
 * before 401).
 */
@ApplicationScoped
public class AccessTokenMechanism implements HttpAuthenticationMechanism {

    private final AccessTokenVerifier verifier;
    private final RequestLimits limits;
    private final Issuer issuer;

    public AccessTokenMechanism(AccessTokenVerifier verifier, RequestLimits limits, Issuer issuer) {
        this.verifier = verifier;
        this.limits = limits;
        this.issuer = issuer;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Limit limit = limits.limitFor(context.normalizedPath(), ClientIp.of(context.request()));
        AccessTokenClaims claims;
        try {
            claims = forThisApi(verifier.verify(BearerHeader.token(context.request().getHeader(HttpHeaders.AUTHORIZATION))));
        } catch (ApiException refused) {
            return limit == null ? Uni.createFrom().failure(refused)
                    : limits.count(limit).chain(ignored -> Uni.createFrom().failure(refused));
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new AccessTokenRequest(claims, limit), context));
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
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", ApiException.tokenRequired().challenge()));
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
