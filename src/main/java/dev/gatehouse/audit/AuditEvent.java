package dev.gatehouse.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.http.ControlCharacters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One audit event, as logged and stored. {@code detail} is a short machine-readable note: a
 * failure reason ({@code unknown_user}, {@code wrong_password}, {@code blocked},
 * {@code rate_limited}), a key id, a family id. It must never hold a password, a token or a
 * secret. Control characters are written as {@code \\uXXXX} and over-long values are cut to the
 * column sizes; {@code at} is kept to microseconds,
 * PostgreSQL's precision, so paging cursors compare exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        Instant at,
        AuditEventType type,
        Outcome outcome,
        String userId,
        String clientId,
        String ip,
        String userAgent,
        String requestId,
        String detail) {

    static final int MAX_ID = 255;
    static final int MAX_IP = 64;
    static final int MAX_USER_AGENT = 256;
    static final int MAX_REQUEST_ID = 64;
    static final int MAX_DETAIL = 500;

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        at = (at == null ? Instant.now() : at).truncatedTo(ChronoUnit.MICROS);
        userId = cut(userId, MAX_ID);
        clientId = cut(clientId, MAX_ID);
        ip = cut(ip, MAX_IP);
        userAgent = cut(userAgent, MAX_USER_AGENT);
        requestId = cut(requestId, MAX_REQUEST_ID);
        detail = cut(detail, MAX_DETAIL);
    }

    /** An event that happens now, from the given origin ({@link AuditOrigin#NONE} outside a request). */
    public static AuditEvent of(
            AuditEventType type, Outcome outcome, AuditOrigin origin, String userId, String clientId, String detail) {
        AuditOrigin from = origin == null ? AuditOrigin.NONE : origin;
        return new AuditEvent(
                Instant.now(), type, outcome, userId, clientId, from.ip(), from.userAgent(), from.requestId(), detail);
    }

    /** An event outside any request (start-up, scheduler): no IP, user agent or request id. */
    public static AuditEvent system(
            AuditEventType type, Outcome outcome, String userId, String clientId, String detail) {
        return of(type, outcome, AuditOrigin.NONE, userId, clientId, detail);
    }

    /** Control characters written out (a NUL would make PostgreSQL refuse the whole batch), then cut to the column. */
    private static String cut(String value, int max) {
        String printable = ControlCharacters.escaped(value);
        return printable == null || printable.length() <= max ? printable : printable.substring(0, max);
    }
}
