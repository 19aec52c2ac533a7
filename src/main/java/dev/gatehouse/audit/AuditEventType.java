package dev.gatehouse.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The audit event types of the API contract, each with its wire name (also the metric label). */
public enum AuditEventType {
    LOGIN_SUCCEEDED("login_succeeded"),
    LOGIN_FAILED("login_failed"),
    REGISTERED("registered"),
    TOKEN_REFRESHED("token_refreshed"),
    REFRESH_REUSE_DETECTED("refresh_reuse_detected"),
    LOGOUT("logout"),
    LOGOUT_ALL("logout_all"),
    PASSWORD_CHANGED("password_changed"),
    TOKEN_ISSUED("token_issued"),
    TOKEN_REVOKED("token_revoked"),
    CODE_REUSED("code_reused"),
    CLIENT_AUTH_FAILED("client_auth_failed"),
    RATE_LIMITED("rate_limited"),
    KEY_CREATED("key_created"),
    KEY_ROTATED("key_rotated"),
    KEY_RETIRED("key_retired"),
    CLIENT_CREATED("client_created"),
    CLIENT_UPDATED("client_updated"),
    CLIENT_DELETED("client_deleted"),
    ROLES_CHANGED("roles_changed"),
    /** A session (refresh family) ended through the session API, by its user or an admin. */
    SESSION_REVOKED("session_revoked");

    private final String wireName;

    AuditEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name, e.g. {@code login_failed}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, if any. */
    public static Optional<AuditEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
