package dev.gatehouse.security;

import dev.gatehouse.dpop.DpopChallenges;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.TokenIdentity;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a verified access token into the caller's identity once its revocation marks are read:
 * the request limit and the marks in one Redis round trip ({@link ProtectedRequestCheck}). The
 * identity's roles are the token's {@code groups}; its permissions are what the token may do on
 * Gatehouse's API ({@link AccessTokenClaims#ownApiPermissions()}), which
 * {@code @PermissionsAllowed} checks.
 */
@ApplicationScoped
public class AccessTokenIdentityProvider implements IdentityProvider<AccessTokenRequest> {

    private final ProtectedRequestCheck check;

    public AccessTokenIdentityProvider(ProtectedRequestCheck check) {
        this.check = check;
    }

    @Override
    public Class<AccessTokenRequest> getRequestType() {
        return AccessTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(AccessTokenRequest request, AuthenticationRequestContext context) {
        AccessTokenClaims claims = request.claims();
        return check.countAndCheckRevoked(request.limit(), claims).map(revoked -> {
            if (revoked) {
                throw DpopChallenges.forScheme(claims, ApiException.invalidToken("The access token has been revoked"));
            }
            return identity(claims);
        });
    }

    private static SecurityIdentity identity(AccessTokenClaims claims) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(claims.subject()))
                .addRoles(claims.roles())
                .addPermissionsAsString(claims.ownApiPermissions())
                .addAttribute(TokenIdentity.CLAIMS, claims)
                .build();
    }
}
