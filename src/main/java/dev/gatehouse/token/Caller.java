package dev.gatehouse.token;

import dev.gatehouse.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The verified access token of the current request, set by {@link BearerAuthFilter}. */
@RequestScoped
public class Caller {

    private AccessTokenClaims claims;

    void set(AccessTokenClaims claims) {
        this.claims = claims;
    }

    /** The caller's claims; only resources marked {@link BearerToken} may ask. */
    public AccessTokenClaims claims() {
        if (claims == null) {
            throw ApiException.invalidToken("A bearer access token is required");
        }
        return claims;
    }

    /** The user id of the caller; refuses a client's own token (client_credentials). */
    public String userId() {
        String userId = claims().userId();
        if (userId == null) {
            throw ApiException.invalidToken("This endpoint needs a user's access token");
        }
        return userId;
    }
}
