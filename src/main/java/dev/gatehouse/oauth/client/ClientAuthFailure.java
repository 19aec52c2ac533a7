package dev.gatehouse.oauth.client;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;

/** A failed client authentication: 401 {@code invalid_client}; the reason is for the log and the audit trail only. */
final class ClientAuthFailure extends ApiException {

    private final String reason;
    private final boolean registered;

    ClientAuthFailure(String reason) {
        this(reason, false);
    }

    /** @param registered whether the client presented exists (then it gets a metric series of its own) */
    ClientAuthFailure(String reason, boolean registered) {
        super(ErrorCode.INVALID_CLIENT, "Client authentication failed", ClientAuthenticator.CHALLENGE);
        this.reason = reason;
        this.registered = registered;
    }

    String reason() {
        return reason;
    }

    boolean registered() {
        return registered;
    }
}
