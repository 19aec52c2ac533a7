package dev.gatehouse.token;

import dev.gatehouse.crypto.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Server-made random strings (refresh tokens, client secrets, authorization codes, session ids):
 * 256 bits from a CSPRNG, base64url. Such a value cannot be guessed, so it is stored as a plain
 * SHA-256 (a slow password KDF would add cost and no safety) and compared in constant time.
 */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private OpaqueTokens() {}

    public static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Hex SHA-256, for Redis keys that must not reveal the value. */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    /** Constant-time check of a presented value against its stored hash. */
    public static boolean matches(String presented, byte[] storedHash) {
        return presented != null && ConstantTime.equals(sha256(presented), storedHash);
    }
}
