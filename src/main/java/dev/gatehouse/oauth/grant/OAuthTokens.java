package dev.gatehouse.oauth.grant;

import dev.gatehouse.oauth.protocol.TokenResponse;

import dev.gatehouse.oauth.protocol.Scopes;

import dev.gatehouse.audit.Outcome;
import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOrigin;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.refresh.RefreshTokens;
import dev.gatehouse.token.AccessTokenIssuer;
import dev.gatehouse.token.AccessTokenIssuer.Grant;
import dev.gatehouse.token.GatehouseScopes;
import dev.gatehouse.user.UserAccount;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Issues the token responses of the grants, honouring each client's own lifetimes. A token for a
 * client is for the resources {@link Audiences} allows, and carries the user's roles only as far
 * as its scopes allow ({@link GatehouseScopes#rolesFor}).
 */
@ApplicationScoped
public class OAuthTokens {

    /** A token response and what it issued, for later revocation (a reused authorization code). */
    public record Issued(TokenResponse response, String jti, String familyId) {
    }

    private final AccessTokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Audiences audiences;

    public OAuthTokens(AccessTokenIssuer issuer, RefreshTokens refreshTokens, AuditLog audit, Audiences audiences) {
        this.audit = audit;
        this.audiences = audiences;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
    }

    /** A client's own token (client_credentials): no user, no refresh token (RFC 6749 §4.4.3). */
    public TokenResponse forClient(OAuthClient client, String scope, List<String> resources) {
        Set<String> aud = audiences.of(client, resources, Scopes.parse(scope));
        var access = issuer.issue(new Grant(client.clientId, client.clientId, aud, scope, null, null, null), accessTtl(client));
        audit.record(AuditEventType.TOKEN_ISSUED, Outcome.SUCCESS, null, client.clientId, "client_credentials " + access.jti());
        return new TokenResponse(access.token(), "Bearer", access.expiresIn(), null, scope);
    }

    /** A user's tokens for a client; a refresh family starts when the client may refresh. */
    public Uni<Issued> forUser(OAuthClient client, UserAccount user, String scope, List<String> resources) {
        return forUser(client, user, scope, resources, null);
    }

    /** As {@link #forUser(OAuthClient, UserAccount, String, List)}; the session began at {@code startedFrom} (null: this request). */
    public Uni<Issued> forUser(OAuthClient client, UserAccount user, String scope, List<String> resources,
                               AuditOrigin startedFrom) {
        Set<String> aud = audiences.of(client, resources, Scopes.parse(scope));
        return issueForUser(client, user, scope, aud, startedFrom).invoke(issued -> audit.record(AuditEventType.TOKEN_ISSUED, Outcome.SUCCESS,
                user.id.toString(), client.clientId, "token " + issued.jti()));
    }

    private Uni<Issued> issueForUser(OAuthClient client, UserAccount user, String scope, Set<String> aud,
                                     AuditOrigin startedFrom) {
        if (!client.allowsGrant("refresh_token")) {
            var access = issuer.issue(grant(client, user, aud, scope, null), accessTtl(client));
            return Uni.createFrom().item(new Issued(
                    new TokenResponse(access.token(), "Bearer", access.expiresIn(), null, scope), access.jti(), null));
        }
        Duration maxTtl = client.refreshTokenTtl == null ? null : Duration.ofSeconds(client.refreshTokenTtl);
        return refreshTokens.startFamily(user.id, client.clientId, scope, maxTtl, startedFrom)
                .map(refresh -> withRefresh(client, user, aud, scope, refresh));
    }

    /** The response to a refresh: the rotated refresh token and a new access token with the (maybe narrowed) scope. */
    public TokenResponse refreshed(OAuthClient client, UserAccount user, String scope, List<String> resources,
                                   RefreshTokens.Issued refresh) {
        return withRefresh(client, user, audiences.of(client, resources, Scopes.parse(scope)), scope, refresh).response();
    }

    private Issued withRefresh(OAuthClient client, UserAccount user, Set<String> aud, String scope, RefreshTokens.Issued refresh) {
        String family = refresh.row().familyId.toString();
        var access = issuer.issue(grant(client, user, aud, scope, family), accessTtl(client));
        return new Issued(new TokenResponse(access.token(), "Bearer", access.expiresIn(), refresh.token(), scope),
                access.jti(), family);
    }

    private static Grant grant(OAuthClient client, UserAccount user, Set<String> aud, String scope, String family) {
        Set<String> roles = GatehouseScopes.rolesFor(Scopes.parse(scope), user.roleSet());
        return new Grant(user.id.toString(), client.clientId, aud, scope, roles, user.email, family);
    }

    private Duration accessTtl(OAuthClient client) {
        return client.accessTokenTtl == null ? issuer.defaultTtl() : Duration.ofSeconds(client.accessTokenTtl);
    }
}
