package dev.gatehouse.dpop;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.crypto.ConstantTime;
import dev.gatehouse.keys.MasterKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces (RFC 9449 §8) that need no shared state: a nonce is an HMAC of a time slot under a
 * key derived from the master key, so every replica issues the same nonce in a slot and accepts
 * the nonces of the slot before and after it (clock skew between replicas, a slot that just ended).
 */
@ApplicationScoped
class DpopNonces {

    private static final int NONCE_BYTES = 16;

    private final boolean required;
    private final long slotMillis;
    private final SecretKeySpec key;

    DpopNonces(GatehouseConfig config, MasterKey masterKey) {
        this.required = config.dpop().nonceRequired();
        this.slotMillis = Math.max(1000, config.dpop().nonceLifetime().toMillis());
        this.key = new SecretKeySpec(masterKey.subkey("gatehouse dpop nonce v1"), "HmacSHA256");
    }

    /** Whether proofs must carry a nonce ({@code gatehouse.dpop.nonce-required}). */
    boolean required() {
        return required;
    }

    /** The nonce of the current slot. */
    String current() {
        return of(slot());
    }

    /** Whether {@code nonce} is the nonce of the current slot, or of the one before or after it. */
    boolean accepts(String nonce) {
        if (nonce == null) {
            return false;
        }
        long slot = slot();
        return ConstantTime.equals(nonce, of(slot))
                || ConstantTime.equals(nonce, of(slot - 1))
                || ConstantTime.equals(nonce, of(slot + 1));
    }

    private long slot() {
        return System.currentTimeMillis() / slotMillis;
    }

    private String of(long slot) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag =
                    mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(slot).array());
            // base64url is within the NQCHAR syntax RFC 9449 §8.1 requires
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
