import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The raw cost of one Argon2id hash with Bouncy Castle (what Gatehouse and Keycloak both use), on
 * one thread with nothing else running. Single-file program, Bouncy Castle on the class path:
 * {@code java -cp bcprov.jar bench/java/Argon2Raw.java MEMORY_KIB ITERATIONS LANES HASHES}.
 * Prints {@code <ms per hash, wall> <ms CPU per hash, whole process>}.
 */
public class Argon2Raw {

    public static void main(String[] args) {
        int memoryKib = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        int lanes = Integer.parseInt(args[2]);
        int hashes = Integer.parseInt(args[3]);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[32];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = 0;
        long t0 = 0;
        for (int i = 0; i < 2 * hashes; i++) {
            if (i == hashes) { // the first half warms the JIT up
                cpu0 = os.getProcessCpuTime();
                t0 = System.nanoTime();
            }
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memoryKib)
                    .withIterations(iterations)
                    .withParallelism(lanes)
                    .withSalt(salt)
                    .build());
            generator.generateBytes(password, out);
        }
        System.out.printf(
                "%.1f %.1f%n", (System.nanoTime() - t0) / 1e6 / hashes, (os.getProcessCpuTime() - cpu0) / 1e6 / hashes);
    }
}
