package dev.gatehouse.oauth.grant;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.oauth.protocol.Scopes;
import dev.gatehouse.oauth.protocol.TokenResponse;
import dev.gatehouse.ratelimit.LoginGuard;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * RFC 6749 §4.3, the legacy password grant: only for clients registered with it (the token
 * endpoint checks), and logged as deprecated each time (RFC 9700 §2.4 says it must not be used).
 */
@ApplicationScoped
public class PasswordGrant implements GrantHandler {

    private final LoginGuard loginGuard;
    private final OAuthTokens tokens;
    private final HttpServerRequest http;
    private final Audiences audiences;

    public PasswordGrant(LoginGuard loginGuard, OAuthTokens tokens, HttpServerRequest http, Audiences audiences) {
        this.audiences = audiences;
        this.loginGuard = loginGuard;
        this.tokens = tokens;
        this.http = http;
    }

    @Override
    public String grantType() {
        return "password";
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParams params, String jkt) {
        String username = params.required("username");
        String password = params.required("password");
        String scope = Scopes.grant(params.optional("scope"), client.scopeSet());
        List<String> resources = params.all("resource");
        audiences.of(client, resources, Scopes.parse(scope)); // RFC 8707 §2: refused before the password is checked
        Log.warnf("Deprecated password grant used by client %s (RFC 9700 §2.4)", client.clientId);
        // the password grant counts as a login attempt, under the same limits
        return loginGuard
                .authenticate(ClientIp.of(http), username, password, client.clientId)
                .onFailure(ApiException.class)
                .transform(e -> ((ApiException) e).code() == ErrorCode.INVALID_CREDENTIALS
                        // RFC 6749 §5.2: invalid resource owner credentials are invalid_grant
                        ? new ApiException(ErrorCode.INVALID_GRANT, "The username or password is incorrect")
                        : e)
                .chain(user -> tokens.forUser(client, user, scope, resources, jkt))
                .map(OAuthTokens.Issued::response);
    }
}
