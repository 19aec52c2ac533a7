package dev.gatehouse.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the client is told about. The description is written for the client; anything
 * internal goes to the log where the exception is raised, never into this message.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String challenge;
    private final int status;
    private final long retryAfterSeconds;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String description) {
        this(code, description, null);
    }

    /** With a {@code WWW-Authenticate} value that replaces the one the error code implies. */
    public ApiException(ErrorCode code, String description, String challenge) {
        this(code, description, challenge, code.status(), -1, Map.of());
    }

    private ApiException(
            ErrorCode code,
            String description,
            String challenge,
            int status,
            long retryAfterSeconds,
            Map<String, String> headers) {
        super(description, null, false, false);
        this.code = code;
        this.challenge = challenge;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = headers;
    }

    /** The same refusal answered with another status, where the contract differs from the code's usual one. */
    public ApiException withStatus(int newStatus) {
        return new ApiException(code, getMessage(), challenge, newStatus, retryAfterSeconds, headers);
    }

    /** The same refusal with a {@code Retry-After} header of this many seconds. */
    public ApiException withRetryAfter(long seconds) {
        return new ApiException(code, getMessage(), challenge, status, seconds, headers);
    }

    /** The same refusal with another {@code WWW-Authenticate} value. */
    public ApiException withChallenge(String newChallenge) {
        return new ApiException(code, getMessage(), newChallenge, status, retryAfterSeconds, headers);
    }

    /** The same refusal with one more response header (e.g. RFC 9449 §8 {@code DPoP-Nonce}). */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(code, getMessage(), challenge, status, retryAfterSeconds, Map.copyOf(more));
    }

    /** Response headers to send besides the error body's own. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The {@code Retry-After} seconds to send, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} value to send, or null for the code's own. */
    public String challenge() {
        return challenge;
    }

    public ErrorCode code() {
        return code;
    }

    public String description() {
        return getMessage();
    }

    public static ApiException invalidRequest(String description) {
        return new ApiException(ErrorCode.INVALID_REQUEST, description);
    }

    /** A protected request came without an access token: 401 with a challenge but no error code (RFC 6750 §3.1). */
    public static ApiException tokenRequired() {
        return new ApiException(
                ErrorCode.INVALID_TOKEN, "A bearer access token is required", "Bearer realm=\"gatehouse\"");
    }

    public static ApiException invalidToken(String description) {
        return new ApiException(ErrorCode.INVALID_TOKEN, description);
    }

    public static ApiException unavailable() {
        return new ApiException(ErrorCode.TEMPORARILY_UNAVAILABLE, ErrorResponses.UNAVAILABLE_DESCRIPTION);
    }
}
