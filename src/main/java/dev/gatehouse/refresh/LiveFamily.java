package dev.gatehouse.refresh;

import java.time.Instant;
import java.util.UUID;

/**
 * A live refresh family of a user, as stored: its first token (generation 0) carries where it
 * began ({@code createdAt}, {@code userAgent}, {@code ip}), its newest when it was last refreshed
 * ({@code lastUsedAt}).
 */
public record LiveFamily(
        UUID id, String clientId, Instant createdAt, Instant lastUsedAt, String userAgent, String ip) {}
