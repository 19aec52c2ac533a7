package dev.gatehouse.token;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Access tokens that verified, by their exact text, until they expire. A client presents the same
 * token on many requests, and after the framework the signature check and the claim parsing are
 * the largest part of a protected request's CPU (profiles in bench/README.md). The cache only
 * spares a token its second verification: an entry serves while the token has not expired and the
 * key that signed it is still in the ring, and revocation is checked on every request as before.
 * Only verified tokens get in, so its size is bounded by real tokens; past {@link #MAX_ENTRIES} it
 * starts over.
 */
final class VerifiedTokenCache {

    static final int MAX_ENTRIES = 4096;

    private record Entry(AccessTokenClaims claims, String kid) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The claims of this token if it verified before, has not expired, and its key is still usable; else null. */
    AccessTokenClaims get(String token, Instant now, Predicate<String> keyUsable) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.claims().expiresAt()) || !keyUsable.test(entry.kid())) {
            entries.remove(token);
            return null;
        }
        return entry.claims();
    }

    void put(String token, String kid, AccessTokenClaims claims) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(token, new Entry(claims, kid));
    }

    int size() {
        return entries.size();
    }
}
