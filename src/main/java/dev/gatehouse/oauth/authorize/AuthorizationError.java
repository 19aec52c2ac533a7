package dev.gatehouse.oauth.authorize;

/**
 * A refusal of an authorization request. With a redirect URI it is sent back to the client
 * (RFC 6749 §4.1.2.1); without one (unknown client, unregistered redirect URI) it is shown to the
 * user and never redirected.
 */
public class AuthorizationError extends RuntimeException {

    private final String error;
    private final AuthorizationRequest request;

    private AuthorizationError(String error, String description, AuthorizationRequest request) {
        super(description, null, false, false);
        this.error = error;
        this.request = request;
    }

    /** Shown on an error page; the client cannot be trusted with a redirect. */
    static AuthorizationError shown(String description) {
        return new AuthorizationError("invalid_request", description, null);
    }

    /** Redirected to the client's (verified) redirect URI. */
    static AuthorizationError redirected(String error, String description, AuthorizationRequest request) {
        return new AuthorizationError(error, description, request);
    }

    public String error() {
        return error;
    }

    /** The request to redirect to, or null when the error must be shown instead. */
    public AuthorizationRequest request() {
        return request;
    }
}
