package dev.gatehouse.session;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.config.Issuer;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.ratelimit.LoginGuard;
import dev.gatehouse.refresh.FamilyRevocations;
import dev.gatehouse.refresh.RefreshAudit;
import dev.gatehouse.refresh.RefreshToken;
import dev.gatehouse.refresh.RefreshTokens;
import dev.gatehouse.refresh.RefreshTokens.Rotation;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.AccessTokenIssuer;
import dev.gatehouse.token.AccessTokenIssuer.Grant;
import dev.gatehouse.token.GatehouseScopes;
import dev.gatehouse.user.UserAccount;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/** First-party sessions: a login starts a refresh family, refresh rotates it, logout ends it. */
@ApplicationScoped
public class SessionService {

    /** The scope of first-party tokens: the user's profile and Gatehouse's account API. */
    static final String FIRST_PARTY_SCOPE = "profile email " + GatehouseScopes.ACCOUNT;
    /** Admins' first-party tokens reach the admin API too. */
    static final String FIRST_PARTY_ADMIN_SCOPE = FIRST_PARTY_SCOPE + " " + GatehouseScopes.ADMIN;

    private static final String CLIENT = AccessTokenIssuer.FIRST_PARTY_CLIENT;

    private final RefreshTokens refreshTokens;
    private final FamilyRevocations revocations;
    private final AccessTokenIssuer issuer;
    private final TokenDenylist denylist;
    private final LoginGuard loginGuard;
    private final AuditLog audit;
    private final Issuer audience;

    public SessionService(
            RefreshTokens refreshTokens,
            FamilyRevocations revocations,
            AccessTokenIssuer issuer,
            TokenDenylist denylist,
            LoginGuard loginGuard,
            AuditLog audit,
            Issuer audience) {
        this.audience = audience;
        this.loginGuard = loginGuard;
        this.audit = audit;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.issuer = issuer;
        this.denylist = denylist;
    }

    public Uni<TokenPair> login(LoginRequest request, String clientIp) {
        return loginGuard
                .authenticate(clientIp, request.email(), request.password(), CLIENT)
                .chain(user -> refreshTokens
                        .startFamily(user.id, CLIENT, FIRST_PARTY_SCOPE)
                        .map(refresh -> pair(user, refresh)));
    }

    /** Rotates the refresh token; 401 {@code invalid_grant} for anything but a live token. */
    public Uni<TokenPair> refresh(String refreshToken) {
        return refreshTokens
                .rotate(refreshToken, CLIENT)
                .invoke(rotation -> RefreshAudit.record(audit, rotation, CLIENT))
                .chain(rotation -> {
                    if (rotation instanceof Rotation.Rotated rotated) {
                        return Uni.createFrom().item(() -> pair(rotated.account(), rotated.next()));
                    }
                    // the contract answers a dead refresh token 401 here (400 on /oauth2/token, per RFC 6749)
                    return Uni.createFrom()
                            .failure(new ApiException(
                                            ErrorCode.INVALID_GRANT, "The refresh token is invalid, expired or revoked")
                                    .withStatus(401));
                });
    }

    /**
     * Ends a session: the access token (if genuine and unexpired) is denylisted until it expires,
     * the refresh family, named by the refresh token or by the access token's {@code sid}, is
     * revoked with its access tokens, and the user's browser sessions of the authorization
     * endpoint end. Idempotent: unknown or dead tokens change nothing.
     */
    public Uni<Void> logout(AccessTokenClaims access, String refreshToken) {
        Uni<Void> denied =
                access == null ? Uni.createFrom().voidItem() : denylist.deny(access.jti(), access.expiresAt());
        Uni<RefreshToken> revoked =
                refreshToken == null ? Uni.createFrom().nullItem() : revocations.revokeFamilyOf(refreshToken, CLIENT);
        return denied.chain(() -> revoked).chain(row -> {
            String userId = access != null ? access.userId() : row == null ? null : row.userId.toString();
            return revokeSessionOf(access, row == null ? null : row.familyId)
                    .chain(() -> userId == null ? Uni.createFrom().voidItem() : denylist.endBrowserSessions(userId))
                    .invoke(() -> audit.record(AuditEventType.LOGOUT, Outcome.SUCCESS, userId, CLIENT, null));
        });
    }

    /** Revokes the access token's own session ({@code sid}), unless the refresh token already named it. */
    private Uni<Void> revokeSessionOf(AccessTokenClaims access, UUID alreadyRevoked) {
        if (access == null
                || access.sessionId() == null
                || access.userId() == null
                || access.sessionId().equals(String.valueOf(alreadyRevoked))) {
            return Uni.createFrom().voidItem();
        }
        return revocations
                .revokeUserFamily(UUID.fromString(access.userId()), UUID.fromString(access.sessionId()))
                .replaceWithVoid();
    }

    /** Ends every session of the user: all refresh families, and every access token issued before now. */
    public Uni<Void> logoutAll(AccessTokenClaims access) {
        UUID userId = UUID.fromString(access.userId());
        return denylist.denyAllBefore(access.userId(), System.currentTimeMillis(), null)
                .chain(() -> revocations.revokeUserFamilies(userId, null))
                .invoke(revoked -> audit.record(
                        AuditEventType.LOGOUT_ALL,
                        Outcome.SUCCESS,
                        access.userId(),
                        CLIENT,
                        revoked + " refresh tokens revoked"))
                .replaceWithVoid();
    }

    /**
     * First-party tokens are for Gatehouse's own API ({@code aud}) and carry all the user's roles;
     * the scope follows the roles of now, so a promotion or demotion shows at the next refresh.
     */
    private TokenPair pair(UserAccount user, RefreshTokens.Issued refresh) {
        String scope =
                user.roleSet().contains(GatehouseScopes.ADMIN_ROLE) ? FIRST_PARTY_ADMIN_SCOPE : FIRST_PARTY_SCOPE;
        AccessTokenIssuer.IssuedToken access = issuer.issue(new Grant(
                user.id.toString(),
                CLIENT,
                Set.of(audience.audience()),
                scope,
                user.roleSet(),
                user.email,
                refresh.row().familyId.toString(),
                null));
        return TokenPair.bearer(access.token(), refresh.token(), access.expiresIn());
    }
}
