package dev.gatehouse.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast ES256 verification answers as the JDK's does, and refuses what SEC 1 refuses. */
class Es256SignaturesTest {

    /** The order n of P-256's base point (SEC 2 §2.4.2). */
    private static final BigInteger N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static final byte[] MESSAGE =
            "eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJodG0iOiJHRVQifQ".getBytes(StandardCharsets.US_ASCII);

    private static KeyPair keys;
    private static BigInteger x;
    private static BigInteger y;

    @BeforeAll
    static void generateKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        x = key.getW().getAffineX();
        y = key.getW().getAffineY();
    }

    @Test
    void acceptsWhatTheJdkSignsAndRefusesAnyAlteredByte() throws GeneralSecurityException {
        byte[] signature = sign(MESSAGE);
        assertTrue(Es256Signatures.verify(x, y, MESSAGE, signature));
        for (int i = 0; i < signature.length; i++) {
            byte[] altered = signature.clone();
            altered[i] ^= 0x01;
            assertFalse(Es256Signatures.verify(x, y, MESSAGE, altered), "signature byte " + i);
        }
        for (int i = 0; i < MESSAGE.length; i++) {
            byte[] altered = MESSAGE.clone();
            altered[i] ^= 0x01;
            assertFalse(Es256Signatures.verify(x, y, altered, signature), "message byte " + i);
        }
    }

    @Test
    void answersAsTheJdkOnRandomMessagesAndSignatures() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            byte[] message = new byte[1 + random.nextInt(300)];
            random.nextBytes(message);
            byte[] signature = i % 2 == 0 ? sign(message) : sign(Arrays.copyOf(message, message.length + 1));
            assertEquals(jdkVerifies(message, signature), Es256Signatures.verify(x, y, message, signature));
        }
    }

    @Test
    void refusesAnotherKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey other = (ECPublicKey) generator.generateKeyPair().getPublic();
        assertFalse(
                Es256Signatures.verify(other.getW().getAffineX(), other.getW().getAffineY(), MESSAGE, sign(MESSAGE)));
    }

    /** SEC 1 §4.1.4 step 1: R and S must lie in [1, n-1]; zero or n would otherwise slip through some checks. */
    @Test
    void refusesComponentsOutsideTheGroupOrder() throws GeneralSecurityException {
        byte[] signature = sign(MESSAGE);
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, new byte[64]), "R = S = 0");
        byte[] sZero = signature.clone();
        Arrays.fill(sZero, 32, 64, (byte) 0);
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, sZero), "S = 0");
        byte[] sIsN = signature.clone();
        System.arraycopy(unsigned32(N), 0, sIsN, 32, 32);
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, sIsN), "S = n");
        byte[] rIsN = signature.clone();
        System.arraycopy(unsigned32(N), 0, rIsN, 0, 32);
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, rIsN), "R = n");
    }

    @Test
    void refusesSignaturesOfAnotherLengthOrEncoding() throws GeneralSecurityException {
        byte[] signature = sign(MESSAGE);
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, Arrays.copyOf(signature, 63)));
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, Arrays.copyOf(signature, 65)));
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, null));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(keys.getPrivate());
        der.update(MESSAGE);
        assertFalse(Es256Signatures.verify(x, y, MESSAGE, der.sign()), "ASN.1 DER, not R || S");
    }

    /** An invalid-curve key (SEC 1 §3.2.2): a point off P-256, or outside the field, is refused rather than used. */
    @Test
    void refusesPointsNotOnTheCurve() throws GeneralSecurityException {
        byte[] signature = sign(MESSAGE);
        assertFalse(Es256Signatures.verify(x, y.add(BigInteger.ONE), MESSAGE, signature));
        assertFalse(Es256Signatures.verify(BigInteger.ZERO, BigInteger.ZERO, MESSAGE, signature));
        assertFalse(Es256Signatures.verify(x, BigInteger.TWO.pow(256), MESSAGE, signature));
        assertFalse(Es256Signatures.verify(x.negate(), y, MESSAGE, signature));
    }

    private static byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    private static boolean jdkVerifies(byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    /** A value below 2^256 as 32 unsigned big-endian bytes. */
    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }
}
