package dev.gatehouse.user;

import dev.gatehouse.crypto.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Argon2id password hashing (RFC 9106, {@link Argon2idEngine}), stored in the PHC string format:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in Base64 without padding.
 * Passwords are NFKC-normalised (NIST SP 800-63B) and encoded UTF-8 before hashing.
 *
 * <p>Every call is CPU- and memory-heavy: never call it on an event-loop thread (see
 * {@link PasswordHasher}). Instances are thread-safe. Each thread that hashes keeps an engine of its
 * own whose memory, up to the configured {@code memoryKib}, is reused by every later hash on that
 * thread (zeroed between hashes) instead of being allocated anew: call it from a small, long-lived
 * pool. A stored hash with more memory than configured is verified in memory allocated for it alone.
 */
public final class Argon2idHash {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$";

    // Bounds for parameters read from a stored hash, so a corrupt or planted one cannot make
    // verification allocate gigabytes or spin for minutes.
    private static final int MAX_MEMORY_KIB = 1 << 20; // 1 GiB
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 64;

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    /** No secret K and no associated data X (RFC 9106 §3.1). */
    private static final byte[] NONE = new byte[0];

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Argon2idEngine> engines;

    /**
     * @param memoryKib   memory cost in KiB (at least 8 × parallelism)
     * @param iterations  time cost (at least 1)
     * @param parallelism lanes (at least 1)
     * @throws IllegalArgumentException when a parameter is out of range
     */
    public Argon2idHash(int memoryKib, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS);
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException(
                    "Argon2 memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.engines = ThreadLocal.withInitial(() -> new Argon2idEngine(memoryKib));
    }

    /** Hashes {@code password} with a fresh random salt and returns the PHC string. */
    public String hash(String password) {
        if (password == null) {
            throw new IllegalArgumentException("password is null");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        try {
            return PREFIX + "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                    + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /**
     * Whether {@code password} matches the stored PHC string, using that string's own parameters.
     * Compares in constant time. A null or malformed stored hash gives {@code false}; this method
     * never throws.
     */
    public boolean verify(String password, String phc) {
        Phc stored = Phc.parse(phc);
        if (stored == null || password == null) {
            return false;
        }
        // Phc.parse admits only parameters the engine takes (RFC 9106 §3.1 bounds and ours), so this
        // derive cannot refuse them
        byte[] actual = derive(
                password, stored.salt, stored.memoryKib, stored.iterations, stored.parallelism, stored.hash.length);
        try {
            return ConstantTime.equals(actual, stored.hash);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    /**
     * The memory, in KiB, that verifying the stored PHC string would use, or -1 when it is not a
     * usable argon2id v=19 string.
     */
    public int memoryKibOf(String phc) {
        Phc stored = Phc.parse(phc);
        return stored == null ? -1 : stored.memoryKib;
    }

    /**
     * Whether a stored hash should be replaced at the next successful login: true when it is not
     * a well-formed argon2id v=19 PHC string, or its memory, iterations, lanes or output length
     * differ from this instance's.
     */
    public boolean needsRehash(String phc) {
        Phc stored = Phc.parse(phc);
        return stored == null
                || stored.memoryKib != memoryKib
                || stored.iterations != iterations
                || stored.parallelism != parallelism
                || stored.hash.length != HASH_BYTES;
    }

    private byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        byte[] utf8 = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            engines.get().derive(utf8, salt, NONE, NONE, memoryKib, iterations, parallelism, out);
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** A parsed {@code $argon2id$v=19$m=M,t=T,p=P$salt$hash} string. */
    private record Phc(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        /** The parsed string, or null when it is not a usable argon2id v=19 PHC string. */
        static Phc parse(String phc) {
            if (phc == null || !phc.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = phc.substring(PREFIX.length()).split("\\$", -1);
            if (parts.length != 3) {
                return null;
            }
            String[] params = parts[0].split(",", -1);
            if (params.length != 3) {
                return null;
            }
            int p = param(params[2], "p=", 1, MAX_PARALLELISM);
            int m = param(params[0], "m=", 8 * Math.max(p, 1), MAX_MEMORY_KIB);
            int t = param(params[1], "t=", 1, MAX_ITERATIONS);
            byte[] salt = decode(parts[1], 8, 64);
            byte[] hash = decode(parts[2], 16, 64);
            if (m < 0 || t < 0 || p < 0 || salt == null || hash == null) {
                return null;
            }
            return new Phc(m, t, p, salt, hash);
        }

        /** The value of {@code name=digits} within [min, max], or -1. */
        private static int param(String text, String name, int min, int max) {
            if (!text.startsWith(name) || text.length() == name.length() || text.length() > name.length() + 7) {
                return -1;
            }
            String digits = text.substring(name.length());
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            int value = Integer.parseInt(digits);
            return value >= min && value <= max ? value : -1;
        }

        /** Unpadded standard Base64 decoded, with a length in [min, max] bytes, or null. */
        private static byte[] decode(String text, int min, int max) {
            if (text.isEmpty() || text.indexOf('=') >= 0) {
                return null;
            }
            try {
                byte[] bytes = B64_DECODER.decode(text);
                return bytes.length >= min && bytes.length <= max ? bytes : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
