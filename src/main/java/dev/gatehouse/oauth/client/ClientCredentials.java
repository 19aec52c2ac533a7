package dev.gatehouse.oauth.client;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.oauth.protocol.FormParams;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The client credentials of a request (RFC 6749 §2.3): an id, a secret or none, and the method used. */
record ClientCredentials(String clientId, String secret, String method) {

    /** The credentials; 400 for two methods at once, {@link ClientAuthFailure} when none can be read. */
    static ClientCredentials read(String authorization, FormParams form) {
        String formId = form.optional("client_id");
        String formSecret = form.optional("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            // RFC 6749 §2.3: a client must not use more than one authentication method per request
            if (formSecret != null) {
                throw ApiException.invalidRequest("Use one client authentication method, not two");
            }
            ClientCredentials basic = basic(authorization.substring(6).trim());
            if (formId != null && !formId.equals(basic.clientId())) {
                throw ApiException.invalidRequest("client_id does not match the Authorization header");
            }
            return basic;
        }
        if (formId == null) {
            throw new ClientAuthFailure("no client authentication");
        }
        return formSecret != null
                ? new ClientCredentials(formId, formSecret, OAuthClient.AUTH_POST)
                : new ClientCredentials(formId, null, OAuthClient.AUTH_NONE);
    }

    /** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
    private static ClientCredentials basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new ClientAuthFailure("malformed Basic credentials");
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            return new ClientCredentials(id, secret, OAuthClient.AUTH_BASIC);
        } catch (IllegalArgumentException e) {
            throw new ClientAuthFailure("malformed Basic credentials");
        }
    }
}
