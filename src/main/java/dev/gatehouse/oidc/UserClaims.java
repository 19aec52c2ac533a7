package dev.gatehouse.oidc;

import dev.gatehouse.user.UserAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The standard claims of a user (OIDC Core §5.1) that the scopes of a token release (§5.4):
 * {@code email} and {@code email_verified} with {@code email}, {@code name} with {@code profile}.
 * Gatehouse does not verify email addresses at registration, so {@code email_verified} is false.
 */
public final class UserClaims {

    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";

    private UserClaims() {}

    public static Map<String, Object> of(UserAccount user, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id.toString());
        if (scopes.contains(EMAIL)) {
            claims.put("email", user.email);
            claims.put("email_verified", false);
        }
        if (scopes.contains(PROFILE) && user.name != null && !user.name.isBlank()) {
            claims.put("name", user.name);
        }
        return claims;
    }
}
