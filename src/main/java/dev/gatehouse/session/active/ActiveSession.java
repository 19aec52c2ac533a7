package dev.gatehouse.session.active;

import java.time.Instant;

/**
 * One session of a user as the contract shows it: a live refresh family. {@code id} is the
 * family's id, the {@code sid} of its access tokens; {@code createdAt} is the login (or code
 * exchange), {@code lastUsedAt} the latest refresh (the login when never refreshed);
 * {@code userAgent} and {@code ip} are those of the request that started it; {@code current}
 * marks the session of the caller's own token.
 */
public record ActiveSession(
        String id,
        String clientId,
        Instant createdAt,
        Instant lastUsedAt,
        String userAgent,
        String ip,
        boolean current) {}
