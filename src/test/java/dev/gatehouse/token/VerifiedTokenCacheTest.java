package dev.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final Instant EXPIRY =
            Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private final VerifiedTokenCache cache = new VerifiedTokenCache(new SimpleMeterRegistry());
    private final AccessTokenClaims claims = new AccessTokenClaims(
            "jti",
            "sub",
            "sub",
            "app",
            Set.of("https://api.example"),
            Set.of("read"),
            Set.of("user"),
            "a@example.com",
            null,
            EXPIRY.minusSeconds(300),
            EXPIRY,
            0,
            null);

    @Test
    void servesAVerifiedTokenUntilItExpires() {
        cache.put("token", "kid-1", claims);

        assertSame(claims, cache.get("token", EXPIRY.minusSeconds(1), kid -> true));
        assertNull(cache.get("token", EXPIRY, kid -> true), "expired: verified again, and refused");
        assertNull(cache.get("token", EXPIRY.minusSeconds(1), kid -> true), "the expired entry is gone");
    }

    @Test
    void aTokenWhoseKeyLeftTheRingIsVerifiedAgain() {
        cache.put("token", "kid-1", claims);

        assertNull(cache.get("token", EXPIRY.minusSeconds(60), kid -> !kid.equals("kid-1")));
        assertNull(cache.get("token", EXPIRY.minusSeconds(60), kid -> true), "dropped, not kept for later");
    }

    @Test
    void onlyTheExactTextOfAVerifiedTokenMatches() {
        cache.put("token", "kid-1", claims);

        assertNull(cache.get("token ", EXPIRY.minusSeconds(1), kid -> true));
        assertNull(cache.get("Token", EXPIRY.minusSeconds(1), kid -> true));
    }

    @Test
    void staysBoundedByEvictingSomeNotAll() {
        for (int i = 0; i < 2 * VerifiedTokenCache.MAX_ENTRIES; i++) {
            cache.put("token-" + i, "kid-1", claims);
        }

        long size = cache.size();
        assertTrue(size <= VerifiedTokenCache.MAX_ENTRIES, "bounded: " + size);
        assertTrue(size > VerifiedTokenCache.MAX_ENTRIES / 2, "not started over: " + size);
    }

    @Test
    void anEntryLeavesWhenItsTokenExpires() throws InterruptedException {
        AccessTokenClaims shortLived = new AccessTokenClaims(
                "jti",
                "sub",
                "sub",
                "app",
                Set.of("https://api.example"),
                Set.of("read"),
                Set.of("user"),
                "a@example.com",
                null,
                Instant.now(),
                Instant.now().plusMillis(50),
                0,
                null);
        cache.put("token", "kid-1", shortLived);
        Thread.sleep(100);

        assertNull(cache.get("token", shortLived.issuedAt(), kid -> true), "gone from the cache, whatever clock asks");
    }
}
