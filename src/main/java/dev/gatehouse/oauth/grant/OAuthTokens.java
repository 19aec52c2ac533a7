package dev.gatehouse.oauth.grant;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOrigin;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.Scopes;
import dev.gatehouse.oauth.protocol.TokenResponse;
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
    public record Issued(TokenResponse response, String jti, String familyId) {}

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

    /** A client's own token (client_credentials): no user, no refresh token (RFC 6749 §4.4.3); bound to {@code jkt} if not null. */
    public TokenResponse forClient(OAuthClient client, String scope, List<String> resources, String jkt) {
        Set<String> aud = audiences.of(client, resources, Scopes.parse(scope));
        var access = issuer.issue(
                new Grant(client.clientId, client.clientId, aud, scope, null, null, null, jkt), accessTtl(client));
        audit.record(
                AuditEventType.TOKEN_ISSUED,
                Outcome.SUCCESS,
                null,
                client.clientId,
                "client_credentials " + access.jti());
        return new TokenResponse(access.token(), tokenType(jkt), access.expiresIn(), null, scope);
    }

    /**
     * A user's tokens for a client; a refresh family starts when the client may refresh. The access
     * token is bound to the DPoP key {@code jkt} (null: none); so is a public client's refresh family
     * (RFC 9449 §5: a confidential client's refresh token is bound by its client authentication).
     */
    public Uni<Issued> forUser(OAuthClient client, UserAccount user, String scope, List<String> resources, String jkt) {
        return forUser(client, user, scope, resources, null, jkt);
    }

    /** As {@link #forUser(OAuthClient, UserAccount, String, List, String)}; the session began at {@code startedFrom} (null: this request). */
    public Uni<Issued> forUser(
            OAuthClient client,
            UserAccount user,
            String scope,
            List<String> resources,
            AuditOrigin startedFrom,
            String jkt) {
        Set<String> aud = audiences.of(client, resources, Scopes.parse(scope));
        return issueForUser(client, user, scope, aud, startedFrom, jkt)
                .invoke(issued -> audit.record(
                        AuditEventType.TOKEN_ISSUED,
                        Outcome.SUCCESS,
                        user.id.toString(),
                        client.clientId,
                        "token " + issued.jti()));
    }

    private Uni<Issued> issueForUser(
            OAuthClient client, UserAccount user, String scope, Set<String> aud, AuditOrigin startedFrom, String jkt) {
        if (!client.allowsGrant("refresh_token")) {
            var access = issuer.issue(grant(client, user, aud, scope, null, jkt), accessTtl(client));
            return Uni.createFrom()
                    .item(new Issued(
                            new TokenResponse(access.token(), tokenType(jkt), access.expiresIn(), null, scope),
                            access.jti(),
                            null));
        }
        Duration maxTtl = client.refreshTokenTtl == null ? null : Duration.ofSeconds(client.refreshTokenTtl);
        String refreshJkt = client.isPublic() ? jkt : null;
        return refreshTokens
                .startFamily(user.id, client.clientId, scope, maxTtl, startedFrom, refreshJkt)
                .map(refresh -> withRefresh(client, user, aud, scope, refresh, jkt));
    }

    /** The response to a refresh: the rotated refresh token and a new access token with the (maybe narrowed) scope, bound to {@code jkt} if not null. */
    public TokenResponse refreshed(
            OAuthClient client,
            UserAccount user,
            String scope,
            List<String> resources,
            RefreshTokens.Issued refresh,
            String jkt) {
        return withRefresh(client, user, audiences.of(client, resources, Scopes.parse(scope)), scope, refresh, jkt)
                .response();
    }

    private Issued withRefresh(
            OAuthClient client,
            UserAccount user,
            Set<String> aud,
            String scope,
            RefreshTokens.Issued refresh,
            String jkt) {
        String family = refresh.row().familyId.toString();
        var access = issuer.issue(grant(client, user, aud, scope, family, jkt), accessTtl(client));
        return new Issued(
                new TokenResponse(access.token(), tokenType(jkt), access.expiresIn(), refresh.token(), scope),
                access.jti(),
                family);
    }

    private static Grant grant(
            OAuthClient client, UserAccount user, Set<String> aud, String scope, String family, String jkt) {
        Set<String> roles = GatehouseScopes.rolesFor(Scopes.parse(scope), user.roleSet());
        return new Grant(user.id.toString(), client.clientId, aud, scope, roles, user.email, family, jkt);
    }

    /** RFC 9449 §5: a token bound to a DPoP key is of type {@code DPoP}. */
    private static String tokenType(String jkt) {
        return jkt == null ? "Bearer" : "DPoP";
    }

    private Duration accessTtl(OAuthClient client) {
        return client.accessTokenTtl == null ? issuer.defaultTtl() : Duration.ofSeconds(client.accessTokenTtl);
    }
}
