import java.lang.management.ManagementFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signing ceiling of this machine: JWS signatures per second when every core does nothing
 * else, with the JDK's own providers (the ones Gatehouse signs with). Single-file program:
 * {@code java bench/java/SigningCeiling.java RS256|ES256|EdDSA THREADS SECONDS [verify]}. Prints one line:
 * {@code <alg> <signatures/s> <ms CPU per signature>}; with {@code verify}, the same of verifications
 * (the unit DPoP's cost per request is stated in: one proof, one verification).
 */
public class SigningCeiling {

    public static void main(String[] args) throws Exception {
        String alg = args[0];
        int threads = Integer.parseInt(args[1]);
        long millis = (long) (Double.parseDouble(args[2]) * 1000);
        boolean verify = args.length > 3 && "verify".equals(args[3]);
        KeyPair keys = keys(alg);
        String jca = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("RS256, ES256 or EdDSA");
        };
        byte[] input = new byte[600]; // about the signing input of an access token
        new SecureRandom().nextBytes(input);
        Signature signer = Signature.getInstance(jca);
        signer.initSign(keys.getPrivate());
        signer.update(input);
        byte[] signed0 = signer.sign();
        AtomicLong signed = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                try {
                    Signature signature = Signature.getInstance(jca);
                    while (!stop.get()) {
                        if (verify) {
                            signature.initVerify(keys.getPublic());
                            signature.update(input);
                            if (!signature.verify(signed0)) {
                                throw new IllegalStateException("the signature does not verify");
                            }
                        } else {
                            signature.initSign(keys.getPrivate());
                            signature.update(input);
                            signature.sign();
                        }
                        if (counting.get()) {
                            signed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[i].start();
        }
        Thread.sleep(millis / 2); // warm-up: compiled code before counting
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        counting.set(true);
        Thread.sleep(millis);
        counting.set(false);
        long n = signed.get();
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("%s %.0f %.3f%n", alg, n / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 1e6 / n);
    }

    private static KeyPair keys(String alg) throws Exception {
        return switch (alg) {
            case "RS256" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                yield generator.generateKeyPair();
            }
            case "ES256" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                yield generator.generateKeyPair();
            }
            default -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        };
    }
}
