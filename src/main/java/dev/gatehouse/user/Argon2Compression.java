package dev.gatehouse.user;

import java.util.Arrays;

/**
 * Argon2's compression function G (RFC 9106 §3.5, §3.6) over 1 KiB blocks of 128 words, with the
 * two scratch blocks it needs kept from one call to the next. Not thread-safe: one per
 * {@link Argon2idEngine}.
 */
final class Argon2Compression {

    private static final int WORDS = 128;
    private static final long LOW32 = 0xFFFF_FFFFL;

    private final long[] r = new long[WORDS]; // R = X xor Y
    private final long[] q = new long[WORDS]; // P applied to R

    /**
     * G (RFC 9106 §3.5): Z = P(R) xor R for R = X xor Y, the rows then the columns of R, read as an
     * 8×8 matrix of 16-byte registers R_0..R_63 (R_i = words 2i and 2i+1), through P. Written to
     * {@code dst}, or XORed into it on the passes after the first (§3.2 step 6, version 0x13).
     * {@code dst} may be {@code y}.
     *
     * <p>P (§3.6) on registers S_0..S_7 is GB on the columns, then on the diagonals, of the 4×4
     * matrix of words v_0..v_15, v_{2j} and v_{2j+1} being S_j's. The rows' and the columns' GB
     * calls are written out here with constant offsets: a method P(at, stride) (which the JIT
     * inlines into G only in some runs) or one loop with a computed stride took 25-45 % more CPU.
     */
    void apply(long[] x, int xAt, long[] y, int yAt, long[] dst, int dstAt, boolean xorInto) {
        for (int k = 0; k < WORDS; k++) {
            long word = x[xAt + k] ^ y[yAt + k];
            r[k] = word;
            q[k] = word;
        }
        for (int b = 0; b < WORDS; b += 16) { // row i = b/16: registers 8i..8i+7, v_k is word b + k
            mix(q, b, b + 4, b + 8, b + 12);
            mix(q, b + 1, b + 5, b + 9, b + 13);
            mix(q, b + 2, b + 6, b + 10, b + 14);
            mix(q, b + 3, b + 7, b + 11, b + 15);
            mix(q, b, b + 5, b + 10, b + 15);
            mix(q, b + 1, b + 6, b + 11, b + 12);
            mix(q, b + 2, b + 7, b + 8, b + 13);
            mix(q, b + 3, b + 4, b + 9, b + 14);
        }
        for (int b = 0; b < 16; b += 2) { // column i = b/2: registers i, i+8, ..., i+56, v_2j is word b + 16j
            mix(q, b, b + 32, b + 64, b + 96);
            mix(q, b + 1, b + 33, b + 65, b + 97);
            mix(q, b + 16, b + 48, b + 80, b + 112);
            mix(q, b + 17, b + 49, b + 81, b + 113);
            mix(q, b, b + 33, b + 80, b + 113);
            mix(q, b + 1, b + 48, b + 81, b + 96);
            mix(q, b + 16, b + 49, b + 64, b + 97);
            mix(q, b + 17, b + 32, b + 65, b + 112);
        }
        for (int k = 0; k < WORDS; k++) {
            dst[dstAt + k] = (xorInto ? dst[dstAt + k] : 0) ^ q[k] ^ r[k];
        }
    }

    /** GB (RFC 9106 §3.6) with BlaMka's a + b + 2 * trunc(a) * trunc(b). */
    private static void mix(long[] v, int ia, int ib, int ic, int id) {
        long a = v[ia], b = v[ib], c = v[ic], d = v[id];
        a += b + 2 * (a & LOW32) * (b & LOW32);
        d = Long.rotateRight(d ^ a, 32);
        c += d + 2 * (c & LOW32) * (d & LOW32);
        b = Long.rotateRight(b ^ c, 24);
        a += b + 2 * (a & LOW32) * (b & LOW32);
        d = Long.rotateRight(d ^ a, 16);
        c += d + 2 * (c & LOW32) * (d & LOW32);
        b = Long.rotateRight(b ^ c, 63);
        v[ia] = a;
        v[ib] = b;
        v[ic] = c;
        v[id] = d;
    }

    /** Zeroes the scratch blocks (they hold words derived from the password). */
    void wipe() {
        Arrays.fill(r, 0L);
        Arrays.fill(q, 0L);
    }
}
