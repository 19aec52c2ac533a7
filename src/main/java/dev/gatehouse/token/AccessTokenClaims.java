package dev.gatehouse.token;

import java.time.Instant;
import java.util.Set;

/**
 * What an access token says (RFC 9068 §2.2), verified.
 *
 * @param subject   the user id, or the client id for client_credentials
 * @param userId    the user id, or null for a client's own token
 * @param sessionId the refresh family the token was issued with ({@code sid}), or null
 * @param issuedAtMillis issue time in milliseconds, from the time-ordered {@code jti}
 */
public record AccessTokenClaims(
        String jti,
        String subject,
        String userId,
        String clientId,
        Set<String> scopes,
        Set<String> roles,
        String email,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt,
        long issuedAtMillis) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
