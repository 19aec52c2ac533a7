package dev.gatehouse.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** The JWS algorithms Gatehouse signs with (RFC 7518 §3.1, RFC 8037 §3.1), and their key types. */
public enum SigningAlgorithm {
    RS256("RSA"),
    ES256("EC"),
    EdDSA("Ed25519");

    private final String keyAlgorithm;

    SigningAlgorithm(String keyAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
    }

    /** Parses {@code gatehouse.token.signing-alg}; the names are the JWS {@code alg} values. */
    public static SigningAlgorithm fromName(String name) {
        return Arrays.stream(values())
                .filter(alg -> alg.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "gatehouse.token.signing-alg must be one of RS256, ES256, EdDSA, not " + name));
    }

    /** A new key pair: RSA 2048 bits, EC P-256, or Ed25519. CPU-heavy for RSA: call off the event loop. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            switch (this) {
                case RS256 -> generator.initialize(2048);
                case ES256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
                case EdDSA -> {
                    /* Ed25519 has a single size */
                }
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + this + " key", e);
        }
    }

    public PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(x509));
    }

    public PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }
}
