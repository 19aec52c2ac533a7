package dev.gatehouse.user;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The two hashes of Argon2 (RFC 9106 §3.2 step 1, §3.3) over Bouncy Castle's BLAKE2b: H, the
 * 64-byte hash of the parameters and inputs (H0), fed field by field; and H', its variable-length
 * form. Not thread-safe: one per {@link Argon2idEngine}.
 */
final class Argon2Blake2b {

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] chain = new byte[64]; // V_i of H'
    private final byte[] le32 = new byte[4];
    private final Blake2bDigest h64 = new Blake2bDigest(512);
    private Blake2bDigest shorter = h64;

    /** Adds LE32(value) to H0. */
    void add(int value) {
        int32(h64, value);
    }

    /** Adds LE32(length) || bytes to H0. */
    void addWithLength(byte[] bytes) {
        int32(h64, bytes.length);
        h64.update(bytes, 0, bytes.length);
    }

    /** H0 into the first 64 bytes of {@code out}; H starts again. */
    void finish(byte[] out) {
        h64.doFinal(out, 0);
    }

    /** H' (RFC 9106 §3.3): {@code length} bytes of {@code out} from the first {@code inLength} of {@code in}. */
    void hPrime(byte[] out, int length, byte[] in, int inLength) {
        Blake2bDigest first = digest(Math.min(length, 64)); // H^T(LE32(T) || A), or V1 past 64 bytes
        int32(first, length);
        first.update(in, 0, inLength);
        if (length <= 64) {
            first.doFinal(out, 0);
            return;
        }
        first.doFinal(chain, 0);
        System.arraycopy(chain, 0, out, 0, 32); // W_i: the first half of V_i
        int done = 32;
        for (; length - done > 64; done += 32) { // V_{i+1} = H^64(V_i) while more than 64 bytes remain
            h64.update(chain, 0, 64);
            h64.doFinal(chain, 0);
            System.arraycopy(chain, 0, out, done, 32);
        }
        Blake2bDigest last = digest(length - done); // V_{r+1} = H^(T-32r)(V_r)
        last.update(chain, 0, 64);
        last.doFinal(out, done);
    }

    /** BLAKE2b with an output of {@code length} bytes (1..64), kept for the next call of that length. */
    private Blake2bDigest digest(int length) {
        if (length == 64) {
            return h64;
        }
        if (shorter.getDigestSize() != length) {
            shorter = new Blake2bDigest(8 * length);
        }
        return shorter;
    }

    private void int32(Blake2bDigest h, int value) {
        LE_INT.set(le32, 0, value);
        h.update(le32, 0, 4);
    }

    /** Zeroes the chaining value and resets both digests. */
    void wipe() {
        Arrays.fill(chain, (byte) 0);
        Arrays.fill(le32, (byte) 0);
        h64.reset();
        shorter.reset();
    }
}
