package dev.gatehouse.oauth.authorize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A validated authorization request (RFC 6749 §4.1.1 with RFC 7636 §4.3, OIDC Core §3.1.2.1), kept
 * while the user logs in.
 *
 * @param redirectUriGiven whether the request named the redirect URI (then the token request must too)
 * @param nonce            OIDC {@code nonce}, carried to the ID token, or null
 * @param prompt           OIDC {@code prompt}: {@code none}, {@code login}, or null
 * @param maxAge           OIDC {@code max_age} in seconds, or null
 * @param dpopJkt          RFC 9449 §10 {@code dpop_jkt}: the thumbprint of the key the code is bound to, or null
 */
@RegisterForReflection
public record AuthorizationRequest(
        String clientId,
        String clientName,
        String redirectUri,
        boolean redirectUriGiven,
        String state,
        String codeChallenge,
        String scope,
        String nonce,
        String prompt,
        Integer maxAge,
        String dpopJkt) {

    public static final String PROMPT_NONE = "none";
    public static final String PROMPT_LOGIN = "login";

    /** Whether a browser session that logged in at {@code authTimeMillis} may answer without a new login. */
    public boolean acceptsSessionFrom(long authTimeMillis, long nowMillis) {
        if (PROMPT_LOGIN.equals(prompt)) {
            return false;
        }
        // OIDC Core §3.1.2.1: older than max_age seconds, the user must log in again
        return maxAge == null || nowMillis - authTimeMillis <= maxAge * 1000L;
    }

    public boolean showsNoPage() {
        return PROMPT_NONE.equals(prompt);
    }
}
