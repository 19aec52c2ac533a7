package dev.gatehouse.audit;

/**
 * Where an event came from: the client IP, its {@code User-Agent} and the request id. Every
 * field is null for events outside a request (start-up, scheduled jobs): {@link #NONE}.
 */
public record AuditOrigin(String ip, String userAgent, String requestId) {

    /** No request: start-up, scheduler. */
    public static final AuditOrigin NONE = new AuditOrigin(null, null, null);
}
