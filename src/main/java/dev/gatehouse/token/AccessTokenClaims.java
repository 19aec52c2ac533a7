package dev.gatehouse.token;

import java.time.Instant;
import java.util.Set;

/**
 * What an access token says (RFC 9068 §2.2), verified.
 *
 * @param subject   the user id, or the client id for client_credentials
 * @param userId    the user id, or null for a client's own token
 * @param audiences the resources the token is for ({@code aud})
 * @param sessionId the refresh family the token was issued with ({@code sid}), or null
 * @param issuedAtMillis issue time in milliseconds, from the time-ordered {@code jti}
 * @param jkt       the thumbprint of the DPoP key the token is bound to ({@code cnf.jkt}, RFC 9449 §6.1), or null
 */
public record AccessTokenClaims(
        String jti,
        String subject,
        String userId,
        String clientId,
        Set<String> audiences,
        Set<String> scopes,
        Set<String> roles,
        String email,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt,
        long issuedAtMillis,
        String jkt) {

    /** Whether the token is sender-constrained with DPoP (RFC 9449 §6). */
    public boolean isDpopBound() {
        return jkt != null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * What this token may do on Gatehouse's own API, as permissions named like its scopes: a
     * user's token with {@link GatehouseScopes#ACCOUNT}, and {@link GatehouseScopes#ADMIN} only
     * when the user is an admin too. A client's own token gets none.
     */
    public Set<String> ownApiPermissions() {
        if (userId == null) {
            return Set.of();
        }
        boolean account = scopes.contains(GatehouseScopes.ACCOUNT);
        boolean admin = scopes.contains(GatehouseScopes.ADMIN) && hasRole(GatehouseScopes.ADMIN_ROLE);
        if (account && admin) {
            return Set.of(GatehouseScopes.ACCOUNT, GatehouseScopes.ADMIN);
        }
        return account ? Set.of(GatehouseScopes.ACCOUNT) : admin ? Set.of(GatehouseScopes.ADMIN) : Set.of();
    }
}
