package dev.gatehouse.ratelimit;

import java.time.Duration;

/**
 * One limit applied to one key: at most {@code max} events in any {@code window} (a sliding
 * window), counted under {@code gh:rl:{name}:{key}}.
 */
public record Limit(String name, String key, int max, Duration window) {

    String redisKey() {
        return "gh:rl:" + name + ":" + key;
    }
}
