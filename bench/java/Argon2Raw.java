import dev.gatehouse.user.Argon2idHash;
import java.lang.management.ManagementFactory;

/**
 * The raw cost of one Argon2id hash as the server makes it ({@code Argon2idHash}: Gatehouse's own
 * Argon2id over memory kept from one hash to the next, BLAKE2b from Bouncy Castle), on one thread
 * with nothing else running. Single-file program, the application's JAR and Bouncy Castle on the
 * class path: {@code java -cp app.jar:bcprov.jar bench/java/Argon2Raw.java MEMORY_KIB ITERATIONS LANES HASHES}.
 * Prints {@code <ms per hash, wall> <ms CPU per hash, whole process>}.
 */
public class Argon2Raw {

    public static void main(String[] args) {
        int memoryKib = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        int lanes = Integer.parseInt(args[2]);
        int hashes = Integer.parseInt(args[3]);
        Argon2idHash argon2 = new Argon2idHash(memoryKib, iterations, lanes);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = 0;
        long t0 = 0;
        for (int i = 0; i < 2 * hashes; i++) {
            if (i == hashes) { // the first half warms the JIT up
                cpu0 = os.getProcessCpuTime();
                t0 = System.nanoTime();
            }
            argon2.hash("correct horse battery staple");
        }
        System.out.printf(
                "%.1f %.1f%n", (System.nanoTime() - t0) / 1e6 / hashes, (os.getProcessCpuTime() - cpu0) / 1e6 / hashes);
    }
}
