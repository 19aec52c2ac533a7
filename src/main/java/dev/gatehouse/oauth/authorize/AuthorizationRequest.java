package dev.gatehouse.oauth.authorize;

import io.quarkus.runtime.annotations.RegisterForReflection;
/**
 * A validated authorization request (RFC 6749 §4.1.1 with RFC 7636 §4.3), kept while the user
 * logs in.
 *
 * @param redirectUriGiven whether the request named the redirect URI (then the token request must too)
 */
@RegisterForReflection
public record AuthorizationRequest(String clientId, String clientName, String redirectUri, boolean redirectUriGiven,
                                   String state, String codeChallenge, String scope) {
}
