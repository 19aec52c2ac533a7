package dev.gatehouse.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.gatehouse.metrics.BoundedCaches;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Access tokens that verified, by their exact text, until they expire. A client presents the same
 * token on many requests, and after the framework the signature check and the claim parsing are
 * the largest part of a protected request's CPU (profiles in bench/README.md). The cache only
 * spares a token its second verification: an entry serves while the token has not expired and the
 * key that signed it is still in the ring, and revocation is checked on every request as before.
 * Only verified tokens get in; each leaves at its token's {@code exp}, and past
 * {@link #MAX_ENTRIES} the least used go first ({@code cache_*{cache="verified_tokens"}}).
 */
@Singleton
class VerifiedTokenCache {

    static final int MAX_ENTRIES = 4096;

    private record Entry(AccessTokenClaims claims, String kid) {}

    private final Cache<String, Entry> entries;

    VerifiedTokenCache(MeterRegistry registry) {
        this.entries = BoundedCaches.monitored(
                Caffeine.newBuilder()
                        .maximumSize(MAX_ENTRIES)
                        .expireAfter(Expiry.creating((String token, Entry entry) ->
                                Duration.between(Instant.now(), entry.claims().expiresAt()))),
                "verified_tokens",
                registry);
    }

    /** The claims of this token if it verified before, has not expired, and its key is still usable; else null. */
    AccessTokenClaims get(String token, Instant now, Predicate<String> keyUsable) {
        Entry entry = entries.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.claims().expiresAt()) || !keyUsable.test(entry.kid())) {
            entries.invalidate(token);
            return null;
        }
        return entry.claims();
    }

    void put(String token, String kid, AccessTokenClaims claims) {
        entries.put(token, new Entry(claims, kid));
    }

    /** How many tokens are cached, once pending evictions are done. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
