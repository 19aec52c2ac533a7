package dev.gatehouse.token;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class VerifiedTokenCacheTest {

    private static final Instant EXPIRY = Instant.parse("2026-11-29T12:00:00Z");

    private final VerifiedTokenCache cache = new VerifiedTokenCache();
    private final AccessTokenClaims claims = new AccessTokenClaims("jti", "sub", "sub", "app", Set.of("https://api.example"), Set.of("read"),
            Set.of("user"), "a@example.com", null, EXPIRY.minusSeconds(300), EXPIRY, 0);

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
    void staysBoundedByStartingOver() {
        for (int i = 0; i <= VerifiedTokenCache.MAX_ENTRIES; i++) {
            cache.put("token-" + i, "kid-1", claims);
        }

        assertEquals(1, cache.size());
        assertSame(claims, cache.get("token-" + VerifiedTokenCache.MAX_ENTRIES, EXPIRY.minusSeconds(1), kid -> true));
    }
}
