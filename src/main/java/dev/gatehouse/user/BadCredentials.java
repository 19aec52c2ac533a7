package dev.gatehouse.user;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;

/**
 * A refused email and password: 401 {@code invalid_credentials} to the client, the same body
 * either way; the reason and the account (when there is one) are for the audit trail only.
 */
public class BadCredentials extends ApiException {

    /** The account exists but the password is wrong. */
    public static final String WRONG_PASSWORD = "wrong_password";
    /** No account has this email. */
    public static final String UNKNOWN_USER = "unknown_user";

    private final String reason;
    private final String userId;

    BadCredentials(String reason, String userId) {
        super(ErrorCode.INVALID_CREDENTIALS, "The email or password is incorrect");
        this.reason = reason;
        this.userId = userId;
    }

    public String reason() {
        return reason;
    }

    /** The account's id, or null for an unknown email. */
    public String userId() {
        return userId;
    }
}
