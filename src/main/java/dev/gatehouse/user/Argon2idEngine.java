package dev.gatehouse.user;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Argon2id version 0x13 (RFC 9106) over memory that is kept from one hash to the next: one flat
 * {@code long[]} (a 1 KiB block is 128 words), kept while it is no larger than the cap given to the
 * constructor, so a hashing thread makes almost no garbage. G is {@link Argon2Compression}; H and
 * H' are {@link Argon2Blake2b} (Bouncy Castle's BLAKE2b).
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
    private final Argon2Compression g = new Argon2Compression();
    private final Argon2Blake2b h = new Argon2Blake2b();
    private final long[] input = new long[WORDS]; // Z of the data-independent addressing
    private final long[] addresses = new long[WORDS]; // G(0, G(0, Z))
    private final byte[] seed = new byte[72]; // H0 || LE32(column) || LE32(lane)
    private final byte[] bytes = new byte[BLOCK_BYTES];

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
            h.hPrime(out, out.length, bytes, BLOCK_BYTES); // tag = H'^T(C)
        } finally {
            Arrays.fill(mem, 0, used, 0L);
            Arrays.fill(input, 0L);
            Arrays.fill(addresses, 0L);
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(bytes, (byte) 0);
            g.wipe();
            h.wipe();
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
            h.add(field);
        }
        for (byte[] field : new byte[][] {password, salt, secret, ad}) {
            h.addWithLength(field);
        }
        h.finish(seed);
    }

    /** B[lane][column] = H'^1024(H0 || LE32(column) || LE32(lane)), column 0 or 1 (§3.2 steps 3-4). */
    private void firstBlock(long[] mem, int lane, int column) {
        LE_INT.set(seed, 64, column);
        LE_INT.set(seed, 68, lane);
        h.hPrime(bytes, BLOCK_BYTES, seed, seed.length);
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
                    g.apply(ZERO, 0, input, 0, addresses, 0, false);
                    g.apply(ZERO, 0, addresses, 0, addresses, 0, false);
                }
                pseudoRandom = addresses[i % WORDS];
            } else { // §3.4.1.1: the first word of the previous block
                pseudoRandom = mem[previous * WORDS];
            }
            // §3.4.2: l = J2 mod p, but the current lane in the first slice of the first pass
            int refLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
            int refColumn = referenceColumn(pass, slice, i, refLane == lane, pseudoRandom & LOW32);
            int reference = (refLane * laneLength + refColumn) * WORDS;
            g.apply(mem, previous * WORDS, mem, reference, mem, current * WORDS, pass > 0);
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

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
