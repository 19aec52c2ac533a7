package dev.gatehouse.token;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Token ids ({@code jti}) as UUID version 7 (RFC 9562 §5.7): 48 bits of Unix time in milliseconds,
 * then random bits. The millisecond issue time lets a "logout all" mark reject exactly the tokens
 * issued before it, which the whole-second {@code iat} cannot.
 */
public final class TokenIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenIds() {}

    public static UUID newId(long epochMillis) {
        long high = (epochMillis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The issue time in milliseconds of a version 7 id, or -1 when it is not one. */
    public static long issuedAtMillis(String jti) {
        try {
            UUID id = UUID.fromString(jti);
            return id.version() == 7 ? id.getMostSignificantBits() >>> 16 : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
