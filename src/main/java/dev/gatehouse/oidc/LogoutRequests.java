package dev.gatehouse.oidc;

import dev.gatehouse.oauth.client.ClientCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * Checks the parameters of {@code /oauth2/logout} (RP-Initiated Logout 1.0 §2, §3). A refusal is
 * shown to the user ({@link LogoutRefused}) and never redirected: the redirect URI is trusted only
 * when it is registered, exactly, for the client the request names.
 */
@ApplicationScoped
public class LogoutRequests {

    static final int MAX_STATE = 512;

    private final IdTokenHints hints;
    private final ClientCache clients;

    public LogoutRequests(IdTokenHints hints, ClientCache clients) {
        this.hints = hints;
        this.clients = clients;
    }

    public Uni<LogoutRequest> validate(MultivaluedMap<String, String> params) {
        String hintToken = single(params, "id_token_hint");
        String clientId = single(params, "client_id");
        String redirectUri = single(params, "post_logout_redirect_uri");
        String state = single(params, "state");
        IdTokenHints.Hint hint = hintToken == null ? null : hints.read(hintToken);
        // RP-Initiated Logout §2: client_id must be the client the ID token was issued to
        if (hint != null && clientId != null && !clientId.equals(hint.clientId())) {
            throw new LogoutRefused("The client_id is not the client the id_token_hint was issued to.");
        }
        if (state != null && state.length() > MAX_STATE) {
            throw new LogoutRefused("The state parameter is longer than " + MAX_STATE + " characters.");
        }
        if (redirectUri == null) {
            return Uni.createFrom().item(new LogoutRequest(hint, null, null));
        }
        String client = clientId != null ? clientId : hint == null ? null : hint.clientId();
        // RP-Initiated Logout §3: only to a URI registered for the client; else no redirect at all
        if (client == null) {
            throw new LogoutRefused("A post_logout_redirect_uri needs a client_id or an id_token_hint.");
        }
        return clients.find(client).map(found -> {
            if (found == null || !found.postLogoutRedirectUriList().contains(redirectUri)) {
                throw new LogoutRefused("The post_logout_redirect_uri is not registered for this application.");
            }
            return new LogoutRequest(hint, redirectUri, state);
        });
    }

    /** A parameter present at most once; a repeated one is refused. */
    private static String single(MultivaluedMap<String, String> params, String name) {
        List<String> values = params.get(name);
        if (values == null
                || values.isEmpty()
                || values.get(0) == null
                || values.get(0).isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new LogoutRefused("The parameter " + name + " is repeated.");
        }
        return values.get(0);
    }

    /** A logout request that cannot be followed; shown on a page, never redirected. */
    public static class LogoutRefused extends RuntimeException {
        public LogoutRefused(String message) {
            super(message, null, false, false);
        }
    }
}
