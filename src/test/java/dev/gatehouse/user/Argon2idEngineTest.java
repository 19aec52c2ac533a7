package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2idEngineTest {

    private static final byte[] NONE = new byte[0];
    private static final int[] TAG_LENGTHS = {4, 16, 32, 64, 65, 100};

    /** RFC 9106 §5.3. */
    @Test
    void matchesRfc9106Argon2idTestVector() {
        byte[] tag = new byte[32];
        new Argon2idEngine(32).derive(fill(32, 0x01), fill(16, 0x02), fill(8, 0x03), fill(12, 0x04), 32, 3, 4, tag);
        assertEquals(
                "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
                HexFormat.of().formatHex(tag));
    }

    @Test
    void agreesWithBouncyCastleOnRandomParameters() {
        SplittableRandom random = new SplittableRandom(9106);
        for (int n = 0; n < 200; n++) {
            Case c = Case.random(random, n);
            byte[] ours = new byte[c.tagLength];
            new Argon2idEngine(2048)
                    .derive(c.password, c.salt, c.secret, c.ad, c.memoryKib, c.iterations, c.parallelism, ours);
            assertArrayEquals(bouncyCastle(c), ours, c::toString);
        }
    }

    @Test
    void reusedEngineGivesTheAnswersOfFreshEngines() {
        Argon2idEngine reused = new Argon2idEngine(512);
        SplittableRandom random = new SplittableRandom(19);
        int[] sizes = {512, 64, 300, 2048, 128, 512, 37, 1500, 512, 96};
        for (int n = 0; n < sizes.length; n++) {
            Case c = Case.random(random, n).withMemory(sizes[n]);
            byte[] again = new byte[c.tagLength];
            reused.derive(c.password, c.salt, c.secret, c.ad, c.memoryKib, c.iterations, c.parallelism, again);
            byte[] fresh = new byte[c.tagLength];
            new Argon2idEngine(512)
                    .derive(c.password, c.salt, c.secret, c.ad, c.memoryKib, c.iterations, c.parallelism, fresh);
            assertArrayEquals(fresh, again, c::toString);
            assertTrue(reused.retainedMemory().length <= 512 * 128, "keeps no array past the cap");
        }
    }

    @Test
    void deriveAboveTheCapWorksAndKeepsNothingLarge() {
        Argon2idEngine engine = new Argon2idEngine(64);
        Case big = Case.random(new SplittableRandom(7), 0).withMemory(1024);
        byte[] tag = new byte[big.tagLength];
        engine.derive(big.password, big.salt, big.secret, big.ad, 1024, big.iterations, big.parallelism, tag);
        assertArrayEquals(bouncyCastle(big), tag);
        assertEquals(0, engine.retainedMemory().length);

        engine.derive(big.password, big.salt, big.secret, big.ad, 64, 1, 1, tag);
        assertEquals(64 * 128, engine.retainedMemory().length);
        engine.derive(big.password, big.salt, big.secret, big.ad, 1024, big.iterations, big.parallelism, tag);
        assertArrayEquals(bouncyCastle(big), tag);
        assertEquals(64 * 128, engine.retainedMemory().length);
    }

    @Test
    void retainedMemoryIsZeroAfterDerive() {
        Argon2idEngine engine = new Argon2idEngine(256);
        byte[] tag = new byte[32];
        engine.derive(fill(12, 0x61), fill(16, 0x02), NONE, NONE, 256, 2, 2, tag);
        assertEquals(256 * 128, engine.retainedMemory().length);
        assertTrue(Arrays.stream(engine.retainedMemory()).allMatch(word -> word == 0));
        engine.derive(fill(12, 0x61), fill(16, 0x02), NONE, NONE, 100, 3, 1, tag); // only part of it
        assertTrue(Arrays.stream(engine.retainedMemory()).allMatch(word -> word == 0));
    }

    @Test
    void verifiesPhcStringsMadeByBouncyCastle() {
        Argon2idHash argon2 = new Argon2idHash(256, 1, 1);
        String password = "p\u00e4ssw\u00f6rd horse";
        byte[] utf8 = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
        int[][] parameters = {{256, 1, 1, 32}, {1024, 2, 2, 16}, {100, 3, 3, 64}, {8192, 1, 1, 32}};
        for (int[] p : parameters) {
            Case c = new Case(utf8, fill(16, p[0]), NONE, NONE, p[0], p[1], p[2], p[3]);
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            String phc = "$argon2id$v=19$m=" + p[0] + ",t=" + p[1] + ",p=" + p[2] + "$" + b64.encodeToString(c.salt)
                    + "$" + b64.encodeToString(bouncyCastle(c));
            assertTrue(argon2.verify(password, phc), phc);
            assertFalse(argon2.verify(password + " ", phc), phc);
        }
    }

    @Test
    void refusesParametersRfc9106Refuses() {
        Argon2idEngine engine = new Argon2idEngine(64);
        byte[] salt = fill(16, 0x02);
        assertThrows(
                IllegalArgumentException.class, () -> engine.derive(NONE, salt, NONE, NONE, 64, 1, 0, new byte[32]));
        assertThrows(
                IllegalArgumentException.class, () -> engine.derive(NONE, salt, NONE, NONE, 15, 1, 2, new byte[32]));
        assertThrows(
                IllegalArgumentException.class, () -> engine.derive(NONE, salt, NONE, NONE, 64, 0, 1, new byte[32]));
        assertThrows(
                IllegalArgumentException.class, () -> engine.derive(NONE, salt, NONE, NONE, 64, 1, 1, new byte[3]));
    }

    /** The reference: Bouncy Castle's Argon2id, version 0x13. */
    private static byte[] bouncyCastle(Case c) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(c.memoryKib)
                .withIterations(c.iterations)
                .withParallelism(c.parallelism)
                .withSalt(c.salt)
                .withSecret(c.secret)
                .withAdditional(c.ad)
                .build());
        byte[] out = new byte[c.tagLength];
        generator.generateBytes(c.password, out);
        return out;
    }

    private static byte[] fill(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private record Case(
            byte[] password,
            byte[] salt,
            byte[] secret,
            byte[] ad,
            int memoryKib,
            int iterations,
            int parallelism,
            int tagLength) {

        /** Random inputs; every third case at least with a memory that is not a multiple of 4p. */
        static Case random(SplittableRandom random, int n) {
            int p = random.nextInt(1, 5);
            int m = random.nextInt(8 * p, 2049);
            if (n % 3 == 0 && m % (4 * p) == 0) {
                m = Math.min(m + 1 + random.nextInt(4 * p - 1), 2048);
            }
            return new Case(
                    bytes(random, random.nextInt(0, 65)),
                    bytes(random, random.nextInt(8, 33)),
                    bytes(random, n % 4 == 0 ? random.nextInt(1, 17) : 0),
                    bytes(random, n % 5 == 0 ? random.nextInt(1, 17) : 0),
                    m,
                    random.nextInt(1, 5),
                    p,
                    TAG_LENGTHS[n % TAG_LENGTHS.length]);
        }

        Case withMemory(int kib) {
            return new Case(password, salt, secret, ad, kib, iterations, Math.min(parallelism, kib / 8), tagLength);
        }

        private static byte[] bytes(SplittableRandom random, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        @Override
        public String toString() {
            HexFormat hex = HexFormat.of();
            return "m=" + memoryKib + " t=" + iterations + " p=" + parallelism + " T=" + tagLength + " P="
                    + hex.formatHex(password) + " S=" + hex.formatHex(salt) + " K=" + hex.formatHex(secret) + " X="
                    + hex.formatHex(ad);
        }
    }
}
