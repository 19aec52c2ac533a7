package dev.gatehouse.config;

/**
 * How much memory one Argon2id hash may use in this JVM: a quarter of the heap, so that the memory
 * the hashing threads keep, a hash in progress and the application's live set fit together. The
 * start is refused when the configured memory is over it ({@link StartupChecks}), and a stored hash
 * that asks for more is refused at login rather than verified (an OutOfMemoryError would end the
 * process at every login of that account).
 */
public final class PasswordMemory {

    private PasswordMemory() {}

    /** The most KiB one hash may use in a heap of {@code maxHeapBytes}. */
    public static long budgetKib(long maxHeapBytes) {
        return maxHeapBytes / 4 / 1024;
    }

    /** The smallest heap, in MiB, whose budget holds a hash of {@code memoryKib}. */
    public static long heapNeededMib(int memoryKib) {
        return (4L * memoryKib + 1023) / 1024;
    }

    /** The same for this JVM's heap limit. */
    public static long budgetKib() {
        return budgetKib(Runtime.getRuntime().maxMemory());
    }
}
