package dev.gatehouse.error;

/** The error codes of the API contract, each with the HTTP status it is answered with. */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CREDENTIALS("invalid_credentials", 401),
    INVALID_TOKEN("invalid_token", 401),
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    CSRF_MISMATCH("csrf_mismatch", 403),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("invalid_request", 405),
    NOT_ACCEPTABLE("invalid_request", 406),
    CONFLICT("conflict", 409),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    RATE_LIMITED("rate_limited", 429),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    SERVER_ERROR("server_error", 500),
    /** RFC 6749 §5.2; 400 on {@code /oauth2/token}, 401 on {@code /auth/refresh} (see ApiException#withStatus). */
    INVALID_GRANT("invalid_grant", 400),
    /** RFC 6749 §5.2: client authentication failed; answered with {@code WWW-Authenticate}. */
    INVALID_CLIENT("invalid_client", 401),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    /** RFC 8707 §2: the requested resource is not one this client may ask for. */
    INVALID_TARGET("invalid_target", 400),
    /** RFC 7591 §3.2.2: client metadata that cannot be registered. */
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    /** RFC 8628 §3.5: the user has not yet approved or denied the device. */
    AUTHORIZATION_PENDING("authorization_pending", 400),
    /** RFC 8628 §3.5: polled faster than the interval; the interval grows by 5 seconds. */
    SLOW_DOWN("slow_down", 400),
    /** RFC 8628 §3.5: the device code expired. */
    EXPIRED_TOKEN("expired_token", 400),
    /** RFC 8628 §3.5 (RFC 6749 §4.1.2.1): the user denied the request. */
    ACCESS_DENIED("access_denied", 400),
    /** RFC 9449 §5, §7.1: the DPoP proof is missing where required, or invalid; 401 at a protected resource. */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 400),
    /** RFC 9449 §8: the proof must carry the server nonce sent in {@code DPoP-Nonce}; 401 at a protected resource. */
    USE_DPOP_NONCE("use_dpop_nonce", 400);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
