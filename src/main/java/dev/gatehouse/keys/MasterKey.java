package dev.gatehouse.keys;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.MasterKeySetting;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys at rest with AES-256-GCM under {@code gatehouse.master-key} (or the key in
 * {@code gatehouse.master-key-file}, see {@link MasterKeySetting}). The AES key
 * and a short public fingerprint ({@link #id()}) are both derived from the configured bytes with
 * HMAC-SHA256, so the fingerprint stored beside each key says which master key can open it.
 * Without a configured key (only allowed in dev and test, see StartupChecks) an ephemeral one is
 * made: keys it encrypts cannot be opened after a restart.
 */
@ApplicationScoped
public class MasterKey {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec aesKey;
    private final String id;
    private final byte[] subkeyRoot;

    public MasterKey(GatehouseConfig config) {
        byte[] material = MasterKeySetting.read(config)
                .map(value -> Base64.getDecoder().decode(value))
                .orElseGet(MasterKey::ephemeral);
        this.aesKey = new SecretKeySpec(derive(material, "gatehouse signing-key encryption v1"), "AES");
        this.id = HexFormat.of().formatHex(derive(material, "gatehouse master-key id v1"), 0, 8);
        this.subkeyRoot = derive(material, "gatehouse subkeys v1");
        Arrays.fill(material, (byte) 0);
    }

    private static byte[] ephemeral() {
        Log.warn("No gatehouse.master-key configured: using an ephemeral master key (dev/test only). "
                + "Signing keys made now cannot be read after a restart.");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The fingerprint of this master key, safe to store and to log. */
    public String id() {
        return id;
    }

    /**
     * A 32-byte key for {@code purpose}, derived from the master key (HMAC-SHA256): the same on
     * every replica that shares the master key, and unrelated to the key that encrypts signing keys.
     */
    public byte[] subkey(String purpose) {
        return derive(subkeyRoot, purpose);
    }

    /** Encrypts {@code plain}, binding it to {@code context} (authenticated, not encrypted). */
    public byte[] encrypt(byte[] plain, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} made with the same context; fails if either was altered. */
    public byte[] decrypt(byte[] blob, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
    }

    private static byte[] derive(byte[] material, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
