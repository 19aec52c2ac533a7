package dev.gatehouse.audit;

import dev.gatehouse.error.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The filters of {@code GET /api/admin/audit}, parsed from the raw query strings (JAX-RS would
 * answer an unparsable typed parameter with 404; the contract wants 400 {@code invalid_request}).
 */
public record AuditQuery(
        AuditEventType type, String userId, String clientId, Instant since, AuditCursor after, int pageSize) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_ID = 255;

    public static AuditQuery parse(
            String type, String userId, String clientId, String since, String limit, String cursor) {
        return new AuditQuery(
                type(type),
                id("userId", userId),
                id("clientId", clientId),
                since(since),
                blank(cursor) ? null : AuditCursor.decode(cursor.trim()),
                limit(limit));
    }

    private static AuditEventType type(String value) {
        if (blank(value)) {
            return null;
        }
        return AuditEventType.fromWireName(value.trim())
                .orElseThrow(() -> ApiException.invalidRequest("type: not an audit event type"));
    }

    private static String id(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > MAX_ID) {
            throw ApiException.invalidRequest(name + ": at most " + MAX_ID + " characters");
        }
        return value.trim();
    }

    private static Instant since(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest("since: an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
    }

    private static int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidRequest("limit: a whole number from 1 to " + MAX_LIMIT);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
