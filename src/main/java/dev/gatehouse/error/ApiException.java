package dev.gatehouse.error;

/**
 * A refusal the client is told about. The description is written for the client; anything
 * internal goes to the log where the exception is raised, never into this message.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String challenge;
    private final int status;
    private final long retryAfterSeconds;

    public ApiException(ErrorCode code, String description) {
        this(code, description, null);
    }

    /** With a {@code WWW-Authenticate} value that replaces the one the error code implies. */
    public ApiException(ErrorCode code, String description, String challenge) {
        this(code, description, challenge, code.status(), -1);
    }

    private ApiException(ErrorCode code, String description, String challenge, int status, long retryAfterSeconds) {
        super(description, null, false, false);
        this.code = code;
        this.challenge = challenge;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same refusal answered with another status, where the contract differs from the code's usual one. */
    public ApiException withStatus(int newStatus) {
        return new ApiException(code, getMessage(), challenge, newStatus, retryAfterSeconds);
    }

    /** The same refusal with a {@code Retry-After} header of this many seconds. */
    public ApiException withRetryAfter(long seconds) {
        return new ApiException(code, getMessage(), challenge, status, seconds);
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
        return new ApiException(ErrorCode.INVALID_TOKEN, "A bearer access token is required", "Bearer realm=\"gatehouse\"");
    }

    public static ApiException invalidToken(String description) {
        return new ApiException(ErrorCode.INVALID_TOKEN, description);
    }

    public static ApiException unavailable() {
        return new ApiException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                "The service cannot answer right now; try again shortly");
    }
}
