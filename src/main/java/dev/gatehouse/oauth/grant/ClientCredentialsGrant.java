package dev.gatehouse.oauth.grant;

import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.oauth.protocol.Scopes;
import dev.gatehouse.oauth.protocol.TokenResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** RFC 6749 §4.4: a confidential client's own access token. */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

    private final OAuthTokens tokens;

    public ClientCredentialsGrant(OAuthTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParams params, String jkt) {
        String scope = Scopes.grant(params.optional("scope"), client.scopeSet());
        return Uni.createFrom().item(tokens.forClient(client, scope, params.all("resource"), jkt));
    }
}
