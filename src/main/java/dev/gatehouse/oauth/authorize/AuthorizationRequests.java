package dev.gatehouse.oauth.authorize;

import dev.gatehouse.oauth.client.ClientCache;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.Pkce;
import dev.gatehouse.oauth.protocol.Scopes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** Validates {@code GET /oauth2/authorize} parameters, in the order RFC 6749 §4.1.2.1 requires. */
@ApplicationScoped
public class AuthorizationRequests {

    /** An RFC 7638 SHA-256 thumbprint in base64url without padding. */
    private static final java.util.regex.Pattern JKT = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

    /** The longest {@code state} accepted. */
    static final int MAX_STATE = 512;

    private final ClientCache clients;

    public AuthorizationRequests(ClientCache clients) {
        this.clients = clients;
    }

    public Uni<AuthorizationRequest> validate(MultivaluedMap<String, String> query) {
        String clientId = single(query, "client_id");
        if (clientId == null) {
            return Uni.createFrom().failure(AuthorizationError.shown("The request names no client (client_id)."));
        }
        return clients.find(clientId).map(client -> validate(client, query));
    }

    private static AuthorizationRequest validate(OAuthClient client, MultivaluedMap<String, String> query) {
        // RFC 6749 §4.1.2.1: with an unknown client or redirect URI, tell the user and never redirect
        if (client == null) {
            throw AuthorizationError.shown("This application is not registered with Gatehouse.");
        }
        String given = single(query, "redirect_uri");
        String redirectUri = redirectUri(client, given);
        String state = single(query, "state");
        // RFC 6749 §4.1.1 sets no bound; the request is stored while the user logs in, so it is capped
        if (state != null && state.length() > MAX_STATE) {
            throw AuthorizationError.shown("The state parameter is longer than " + MAX_STATE + " characters.");
        }
        AuthorizationRequest partial = new AuthorizationRequest(
                client.clientId,
                client.clientName,
                redirectUri,
                given != null,
                state,
                null,
                null,
                null,
                null,
                null,
                null);
        // From here on errors go back to the client, which is known and verified
        String responseType = single(query, "response_type");
        if (!"code".equals(responseType)) {
            throw AuthorizationError.redirected(
                    "unsupported_response_type", "Only response_type=code is supported", partial);
        }
        if (!client.allowsGrant("authorization_code")) {
            throw AuthorizationError.redirected(
                    "unauthorized_client", "This client may not use the authorization code flow", partial);
        }
        // RFC 7636 §4.4.1 and RFC 9700 §2.1.1: PKCE with S256 is required of every client
        String challenge = single(query, "code_challenge");
        String method = single(query, "code_challenge_method");
        if (challenge == null) {
            throw AuthorizationError.redirected("invalid_request", "code_challenge is required (PKCE, S256)", partial);
        }
        if (!"S256".equals(method) || !Pkce.isChallenge(challenge)) {
            throw AuthorizationError.redirected("invalid_request", "code_challenge_method must be S256", partial);
        }
        String scope = scope(client, single(query, "scope"), partial);
        OidcParams oidc =
                OidcParams.of(single(query, "nonce"), single(query, "prompt"), single(query, "max_age"), partial);
        return new AuthorizationRequest(
                client.clientId,
                client.clientName,
                redirectUri,
                given != null,
                state,
                challenge,
                scope,
                oidc.nonce(),
                oidc.prompt(),
                oidc.maxAge(),
                dpopJkt(single(query, "dpop_jkt"), partial));
    }

    /**
     * RFC 9449 §10: {@code dpop_jkt} binds the code to a DPoP key, by its RFC 7638 thumbprint (the
     * base64url of a SHA-256 hash: 43 characters); the token request must prove that key.
     */
    private static String dpopJkt(String jkt, AuthorizationRequest partial) {
        if (jkt != null && !JKT.matcher(jkt).matches()) {
            throw AuthorizationError.redirected(
                    "invalid_request", "dpop_jkt must be a SHA-256 JWK thumbprint (RFC 7638)", partial);
        }
        return jkt;
    }

    /** RFC 6749 §3.1.2.3 and RFC 9700 §4.1.3: an exact match with a registered URI; omitted only when one is registered. */
    private static String redirectUri(OAuthClient client, String given) {
        List<String> registered = client.redirectUriList();
        if (given == null) {
            if (registered.size() != 1) {
                throw AuthorizationError.shown("The request must name its redirect_uri.");
            }
            return registered.get(0);
        }
        if (!registered.contains(given)) {
            throw AuthorizationError.shown("The redirect_uri is not registered for this application.");
        }
        return given;
    }

    private static String scope(OAuthClient client, String requested, AuthorizationRequest partial) {
        if (requested == null) {
            return String.join(" ", client.scopeSet());
        }
        java.util.Set<String> asked = Scopes.parse(requested);
        if (!client.scopeSet().containsAll(asked)) {
            throw AuthorizationError.redirected(
                    "invalid_scope", "The requested scope exceeds what this client may ask for", partial);
        }
        return String.join(" ", asked);
    }

    /** A parameter present at most once (RFC 6749 §3.1); repeated ones are refused like invalid ones. */
    private static String single(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        if (values == null
                || values.isEmpty()
                || values.get(0) == null
                || values.get(0).isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw AuthorizationError.shown("The parameter " + name + " is repeated.");
        }
        return values.get(0);
    }
}
