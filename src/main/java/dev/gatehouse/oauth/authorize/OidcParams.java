package dev.gatehouse.oauth.authorize;

import java.util.List;
import java.util.Set;

/** The OpenID Connect parameters of an authorization request (OIDC Core §3.1.2.1), checked. */
record OidcParams(String nonce, String prompt, Integer maxAge) {

    /** The longest {@code nonce} accepted; it is stored while the user logs in and goes into the ID token. */
    static final int MAX_NONCE = 512;

    private static final Set<String> PROMPTS =
            Set.of(AuthorizationRequest.PROMPT_NONE, AuthorizationRequest.PROMPT_LOGIN);

    static OidcParams of(String nonce, String prompt, String maxAge, AuthorizationRequest partial) {
        // OIDC Core §3.1.2.1 sets no bound on nonce; like state it is capped
        if (nonce != null && nonce.length() > MAX_NONCE) {
            throw invalid("nonce is longer than " + MAX_NONCE + " characters", partial);
        }
        return new OidcParams(nonce, prompt(prompt, partial), maxAge(maxAge, partial));
    }

    /** OIDC Core §3.1.2.1: space-separated values; {@code none} stands alone. Only none and login are supported. */
    private static String prompt(String value, AuthorizationRequest partial) {
        if (value == null) {
            return null;
        }
        List<String> values =
                List.of(value.trim().split(" +")).stream().distinct().toList();
        if (values.size() != 1 || !PROMPTS.contains(values.get(0))) {
            throw invalid("prompt must be none or login", partial);
        }
        return values.get(0);
    }

    /** OIDC Core §3.1.2.1: a non-negative number of seconds. */
    private static Integer maxAge(String value, AuthorizationRequest partial) {
        if (value == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("max_age must be a non-negative number of seconds", partial);
    }

    private static AuthorizationError invalid(String description, AuthorizationRequest partial) {
        return AuthorizationError.redirected("invalid_request", description, partial);
    }
}
