package dev.gatehouse.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies JWS {@code ES256} signatures (ECDSA on P-256 with SHA-256, RFC 7518 §3.4) with Bouncy
 * Castle's arithmetic for that one curve, which takes about 0.17 ms where the JDK's generic,
 * constant-time code takes 0.45 (JDK 25, see {@code bench/README.md}). A verification handles only
 * public values (key, message, signature), so it needs no constant-time care; signing stays with
 * the JDK. Used where a request carries a signature made by a key never seen before: DPoP proofs.
 */
public final class Es256Signatures {

    /** RFC 7518 §3.4: R and S as 32-byte unsigned big-endian integers, concatenated. */
    private static final int SIGNATURE_LENGTH = 64;

    private static final ECDomainParameters P256;

    static {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        P256 = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH(), curve.getSeed());
    }

    private Es256Signatures() {}

    /**
     * True when {@code signature} is a valid ES256 signature of {@code signingInput} by the public key
     * at point ({@code x}, {@code y}); false for any other signature, and for a point that is not on
     * P-256 (an invalid-curve key, SEC 1 §3.2.2) or is the point at infinity.
     */
    public static boolean verify(BigInteger x, BigInteger y, byte[] signingInput, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        ECPublicKeyParameters key;
        try {
            // validates the point: coordinates in the field, on the curve, not infinity
            key = new ECPublicKeyParameters(P256.getCurve().createPoint(x, y), P256);
        } catch (IllegalArgumentException | ArithmeticException notOnCurve) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        // ECDSASigner refuses R or S outside [1, n-1] (SEC 1 §4.1.4 step 1)
        return verifier.verifySignature(
                sha256(signingInput),
                new BigInteger(1, Arrays.copyOfRange(signature, 0, SIGNATURE_LENGTH / 2)),
                new BigInteger(1, Arrays.copyOfRange(signature, SIGNATURE_LENGTH / 2, SIGNATURE_LENGTH)));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
