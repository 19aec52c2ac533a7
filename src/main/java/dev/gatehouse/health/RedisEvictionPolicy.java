package dev.gatehouse.health;

import java.util.Optional;

/**
 * Redis's {@code maxmemory-policy} and what it means for Gatehouse. The denylist's keys carry
 * TTLs, so under any {@code volatile-*} or {@code allkeys-*} policy (a default of several managed
 * Redis offers) they are the first to go when memory runs short: revocation would silently stop.
 * Only {@code noeviction} keeps every key (Redis then refuses writes, which Gatehouse answers
 * with 503, never with a wrong answer).
 */
final class RedisEvictionPolicy {

    static final String REQUIRED = "noeviction";

    private RedisEvictionPolicy() {}

    static boolean evicts(String policy) {
        return !REQUIRED.equals(policy);
    }

    /** The policy named in the text of {@code INFO memory}, or null. */
    static String fromInfo(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("maxmemory_policy:")) {
                return line.substring("maxmemory_policy:".length()).trim();
            }
        }
        return null;
    }

    /** Why the policy is unsafe, or empty when it is {@code noeviction}. */
    static Optional<String> problem(String policy) {
        if (!evicts(policy)) {
            return Optional.empty();
        }
        return Optional.of("Redis's maxmemory-policy is " + policy + ": Redis may evict denylist entries and so "
                + "switch revocation off; set maxmemory-policy " + REQUIRED + " (CONFIG SET maxmemory-policy "
                + REQUIRED + ", or your provider's parameter group)");
    }
}
