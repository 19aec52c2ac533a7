package dev.gatehouse.user;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id version 0x13 (RFC 9106) over memory that is kept from one hash to the next: one flat
 * {@code long[]} (a 1 KiB block is 128 words), kept while it is no larger than the cap given to the
 * constructor, so a hashing thread makes almost no garbage. Bouncy Castle supplies only BLAKE2b (H).
 * Memory and scratch are zeroed after every call, so no password-derived block stays in the heap.
 *
 * <p>Not thread-safe: one instance per thread. Lanes are computed one after the other, slice by
 * slice, which RFC 9106 §3.4 allows (the segments of one slice do not depend on each other).
 */
final class Argon2idEngine {

    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2; // y for Argon2id (RFC 9106 §3.1)
    private static final int SLICES = 4; // SL (RFC 9106 §3.4)
    private static final int WORDS = 128; // 64-bit words in a 1024-byte block
    private static final int BLOCK_BYTES = WORDS * 8;
    private static final long LOW32 = 0xFFFF_FFFFL;
    /** Most KiB (blocks) whose words one Java array can index. */
    private static final int MAX_MEMORY_KIB = Integer.MAX_VALUE / WORDS;

    private static final long[] ZERO = new long[WORDS];
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int retainLongs;
    private long[] memory = new long[0];
    private final long[] r = new long[WORDS]; // R = X xor Y in G
    private final long[] q = new long[WORDS]; // P applied to R
    private final long[] input = new long[WORDS]; // Z of the data-independent addressing
    private final long[] addresses = new long[WORDS]; // G(0, G(0, Z))
    private final byte[] seed = new byte[72]; // H0 || LE32(column) || LE32(lane)
    private final byte[] bytes = new byte[BLOCK_BYTES];
    private final byte[] chain = new byte[64]; // V_i of H'
    private final byte[] le32 = new byte[4];
    private final Blake2bDigest h64 = new Blake2bDigest(512);
    private Blake2bDigest shorter = h64;

    // The geometry of the current call (RFC 9106 §3.2 step 2, §3.4).
    private int lanes;
    private int segmentLength;
    private int laneLength;
    private int passes;

    /** @param retainKib the largest memory, in KiB, kept between calls; larger calls allocate and drop theirs */
    Argon2idEngine(int retainKib) {
        if (retainKib < 0 || retainKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("retained memory must be 0.." + MAX_MEMORY_KIB + " KiB");
        }
        this.retainLongs = retainKib * WORDS;
    }

    /**
     * Fills {@code out} with the Argon2id tag of {@code out.length} bytes (T).
     *
     * @throws IllegalArgumentException for parameters RFC 9106 §3.1 refuses, or memory past one array
     */
    void derive(
            byte[] password,
            byte[] salt,
            byte[] secret,
            byte[] associatedData,
            int memoryKib,
            int iterations,
            int parallelism,
            byte[] out) {
        require(parallelism >= 1 && parallelism <= 0xFF_FFFF, "parallelism must be 1..2^24-1 (RFC 9106 §3.1)");
        require(out.length >= 4, "tag length must be at least 4 bytes (RFC 9106 §3.1)");
        require(memoryKib >= 8 * parallelism, "memory must be at least 8p KiB (RFC 9106 §3.1)");
        require(memoryKib <= MAX_MEMORY_KIB, "memory must be at most " + MAX_MEMORY_KIB + " KiB (one Java array)");
        require(iterations >= 1, "iterations must be at least 1 (RFC 9106 §3.1)");
        lanes = parallelism;
        passes = iterations;
        segmentLength = memoryKib / (SLICES * parallelism); // m' = 4p * floor(m / 4p), §3.2 step 2
        laneLength = SLICES * segmentLength;
        int used = laneLength * lanes * WORDS;
        long[] mem = memoryFor(used);
        try {
            initialHash(password, salt, secret, associatedData, memoryKib, out.length);
            for (int lane = 0; lane < lanes; lane++) { // §3.2 steps 3-4
                firstBlock(mem, lane, 0);
                firstBlock(mem, lane, 1);
            }
            for (int pass = 0; pass < passes; pass++) {
                for (int slice = 0; slice < SLICES; slice++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        fillSegment(mem, pass, slice, lane);
                    }
                }
            }
            for (int k = 0; k < WORDS; k++) { // §3.2 steps 7-8: C = XOR of the lanes' last blocks
                long c = 0;
                for (int lane = 1; lane <= lanes; lane++) {
                    c ^= mem[(lane * laneLength - 1) * WORDS + k];
                }
                LE_LONG.set(bytes, 8 * k, c);
            }
            hPrime(out, out.length, bytes, BLOCK_BYTES); // tag = H'^T(C)
        } finally {
            Arrays.fill(mem, 0, used, 0L);
            for (long[] words : new long[][] {r, q, input, addresses}) {
                Arrays.fill(words, 0L);
            }
            for (byte[] buffer : new byte[][] {seed, bytes, chain}) {
                Arrays.fill(buffer, (byte) 0);
            }
            h64.reset();
            shorter.reset();
        }
    }

    /** The array kept between calls (for tests). */
    long[] retainedMemory() {
        return memory;
    }

    private long[] memoryFor(int longs) {
        if (memory.length >= longs) {
            return memory;
        }
        long[] fresh = new long[longs];
        if (longs <= retainLongs) {
            memory = fresh;
        }
        return fresh;
    }

    /** H0 (RFC 9106 §3.2 step 1) into the first 64 bytes of {@link #seed}. */
    private void initialHash(byte[] password, byte[] salt, byte[] secret, byte[] ad, int memoryKib, int tagLength) {
        for (int field : new int[] {lanes, tagLength, memoryKib, passes, VERSION, TYPE_ID}) {
            int32(h64, field);
        }
        for (byte[] field : new byte[][] {password, salt, secret, ad}) {
            int32(h64, field.length);
            h64.update(field, 0, field.length);
        }
        h64.doFinal(seed, 0);
    }

    /** B[lane][column] = H'^1024(H0 || LE32(column) || LE32(lane)), column 0 or 1 (§3.2 steps 3-4). */
    private void firstBlock(long[] mem, int lane, int column) {
        LE_INT.set(seed, 64, column);
        LE_INT.set(seed, 68, lane);
        hPrime(bytes, BLOCK_BYTES, seed, seed.length);
        int at = (lane * laneLength + column) * WORDS;
        for (int k = 0; k < WORDS; k++) {
            mem[at + k] = (long) LE_LONG.get(bytes, 8 * k);
        }
    }

    /** The segment of {@code lane} in {@code slice} of {@code pass} (RFC 9106 §3.2 steps 5-6, §3.4). */
    private void fillSegment(long[] mem, int pass, int slice, int lane) {
        boolean independent = pass == 0 && slice < 2; // §3.4.1.3: as Argon2i in slices 0 and 1 of pass 0
        int start = pass == 0 && slice == 0 ? 2 : 0; // columns 0 and 1 come from H0
        if (independent) { // Z (§3.4.1.2)
            Arrays.fill(input, 0L);
            input[0] = pass;
            input[1] = lane;
            input[2] = slice;
            input[3] = (long) laneLength * lanes;
            input[4] = passes;
            input[5] = TYPE_ID;
        }
        int laneStart = lane * laneLength;
        for (int i = start; i < segmentLength; i++) {
            int column = slice * segmentLength + i;
            int current = laneStart + column;
            int previous = column == 0 ? laneStart + laneLength - 1 : current - 1;
            long pseudoRandom;
            if (independent) {
                if (i == start || i % WORDS == 0) { // a new address block: counter + 1, G(0, G(0, Z))
                    input[6]++;
                    compress(ZERO, 0, input, 0, addresses, 0, false);
                    compress(ZERO, 0, addresses, 0, addresses, 0, false);
                }
                pseudoRandom = addresses[i % WORDS];
            } else { // §3.4.1.1: the first word of the previous block
                pseudoRandom = mem[previous * WORDS];
            }
            // §3.4.2: l = J2 mod p, but the current lane in the first slice of the first pass
            int refLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
            int refColumn = referenceColumn(pass, slice, i, refLane == lane, pseudoRandom & LOW32);
            int reference = (refLane * laneLength + refColumn) * WORDS;
            compress(mem, previous * WORDS, mem, reference, mem, current * WORDS, pass > 0);
        }
    }

    /** The reference block's column from J1 (RFC 9106 §3.4.2). */
    private int referenceColumn(int pass, int slice, int index, boolean sameLane, long j1) {
        // |W|: the finished segments of lane l (those of this pass in pass 0, else the last three);
        // in the current lane also the blocks done in this segment but B[i][j-1]; in another lane
        // less the last of them when B[i][j] is the first block of its segment.
        int done = pass == 0 ? slice * segmentLength : laneLength - segmentLength;
        int w = sameLane ? done + index - 1 : done - (index == 0 ? 1 : 0);
        long x = (j1 * j1) >>> 32;
        long y = (w * x) >>> 32;
        long zz = w - 1 - y;
        int startPosition = pass == 0 ? 0 : (slice + 1) * segmentLength % laneLength;
        return (int) ((startPosition + zz) % laneLength);
    }

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
    private void compress(long[] x, int xAt, long[] y, int yAt, long[] dst, int dstAt, boolean xorInto) {
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

    /** H' (RFC 9106 §3.3): {@code length} bytes of {@code out} from the first {@code inLength} of {@code in}. */
    private void hPrime(byte[] out, int length, byte[] in, int inLength) {
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

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
