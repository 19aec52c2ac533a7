package dev.gatehouse.oauth.grant;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.oauth.authorize.AuthorizationCodes.CodeGrant;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.Scopes;
import dev.gatehouse.oauth.protocol.TokenResponse;
import dev.gatehouse.oidc.Authentication;
import dev.gatehouse.oidc.IdTokenIssuer;
import dev.gatehouse.oidc.OidcSessions;
import dev.gatehouse.oidc.UserClaims;
import dev.gatehouse.user.UserAccount;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;

/**
 * Adds the ID token to the token responses of the code flow (OIDC Core §3.1.3.3) and of a refresh
 * (§12.2) when the scope holds {@code openid}, and ties a code flow's refresh family to the
 * browser session it came from.
 */
@ApplicationScoped
public class IdTokens {

    private final IdTokenIssuer issuer;
    private final OidcSessions sessions;
    private final Duration longestFamily;

    public IdTokens(IdTokenIssuer issuer, OidcSessions sessions, GatehouseConfig config) {
        this.issuer = issuer;
        this.sessions = sessions;
        this.longestFamily = config.token().refreshMaxTtl();
    }

    /** After a code exchange: the response with an ID token when {@code openid} was granted. */
    public Uni<OAuthTokens.Issued> afterCode(
            OAuthClient client, UserAccount user, CodeGrant grant, OAuthTokens.Issued issued) {
        // codes issued before OpenID Connect carry no login time: no ID token can be truthful
        if (grant.authTime() == null) {
            return Uni.createFrom().item(issued);
        }
        Authentication auth = new Authentication(grant.userId(), grant.authTime(), grant.sid());
        Uni<Void> remembered = issued.familyId() == null
                ? Uni.createFrom().voidItem()
                : sessions.remember(issued.familyId(), auth, familyLifetime(client));
        Set<String> scopes = Scopes.parse(grant.scope());
        if (!scopes.contains(UserClaims.OPENID)) {
            return remembered.replaceWith(issued);
        }
        String idToken = issuer.issue(
                client.clientId,
                user,
                scopes,
                auth,
                grant.nonce(),
                issued.response().accessToken());
        return remembered.replaceWith(
                new OAuthTokens.Issued(issued.response().withIdToken(idToken), issued.jti(), issued.familyId()));
    }

    /** After a refresh: the response with an ID token keeping the login's sub, auth_time and sid (OIDC Core §12.2). */
    public Uni<TokenResponse> afterRefresh(
            OAuthClient client, UserAccount user, String scope, String familyId, TokenResponse response) {
        Set<String> scopes = Scopes.parse(scope);
        if (!scopes.contains(UserClaims.OPENID)) {
            return Uni.createFrom().item(response);
        }
        return sessions.of(familyId)
                .map(auth -> auth == null || !auth.userId().equals(user.id.toString())
                        ? response
                        : response.withIdToken(
                                issuer.issue(client.clientId, user, scopes, auth, null, response.accessToken())));
    }

    private Duration familyLifetime(OAuthClient client) {
        return client.refreshTokenTtl == null ? longestFamily : Duration.ofSeconds(client.refreshTokenTtl);
    }
}
