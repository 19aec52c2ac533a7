package dev.gatehouse.token;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;

/**
 * The verified access token behind a {@link SecurityIdentity} of Gatehouse's own API. Resources
 * guarded by {@code @PermissionsAllowed} ask for it; the identity only exists once the token was
 * verified, its audience checked and its revocation read.
 */
public final class TokenIdentity {

    /** The identity attribute that holds the {@link AccessTokenClaims}. */
    public static final String CLAIMS = "gatehouse.access-token";

    private TokenIdentity() {}

    public static AccessTokenClaims claims(SecurityIdentity identity) {
        AccessTokenClaims claims = identity.getAttribute(CLAIMS);
        if (claims == null) {
            throw new IllegalStateException("no access token behind this identity; is the resource guarded?");
        }
        return claims;
    }

    /** The user of the token; every guarded endpoint's permission needs a user's token. */
    public static UUID userId(SecurityIdentity identity) {
        return UUID.fromString(claims(identity).userId());
    }
}
