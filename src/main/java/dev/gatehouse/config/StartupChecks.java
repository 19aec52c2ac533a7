package dev.gatehouse.config;

import dev.gatehouse.http.ClientIp;
import dev.gatehouse.http.TrustedProxies;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses a start with settings that would make Gatehouse unsafe, naming every problem at once.
 * In prod: a missing or non-HTTPS issuer, a missing master key, and a proxy trust that would let
 * any peer claim any client IP. In every profile: a master key that is malformed, short or
 * hand-made, two master keys at once, a certificate without its key (or the reverse), an Argon2id
 * memory the heap cannot afford ({@link PasswordMemory}), and a bootstrap admin that is half
 * configured or whose password the password policy refuses. Dev and test otherwise fall back to
 * local defaults.
 */
public class StartupChecks {

    /** AES-256 needs 32 bytes of key material. */
    static final int MIN_MASTER_KEY_BYTES = 32;
    /**
     * Fewer distinct byte values than this means a hand-made key (all zeros, "abab…", a repeated
     * word): 32 random bytes have about 30 distinct values, and fewer than 16 essentially never.
     */
    static final int MIN_DISTINCT_KEY_BYTES = 16;

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final String GENERATE = "generate one with `openssl rand -base64 32`";

    void onStart(
            @Observes @Priority(1) StartupEvent event, GatehouseConfig config, PasswordRule policy, Config quarkus) {
        ClientIp.trust(TrustedProxies.from(quarkus));
        boolean devOrTest = Profiles.isDevOrTest();
        List<String> problems = problems(config, devOrTest, policy);
        if (!devOrTest) {
            proxyProblem(
                            quarkus.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class)
                                    .orElse(false),
                            quarkus.getOptionalValue("quarkus.http.proxy.trusted-proxies", String.class))
                    .ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Gatehouse cannot start: " + String.join("; ", problems));
        }
    }

    static List<String> problems(GatehouseConfig config, boolean devOrTest, PasswordRule policy) {
        return problems(config, devOrTest, policy, Runtime.getRuntime().maxMemory());
    }

    static List<String> problems(GatehouseConfig config, boolean devOrTest, PasswordRule policy, long maxHeapBytes) {
        List<String> problems = new ArrayList<>();
        passwordMemoryProblem(config.password().argon2MemoryKib(), maxHeapBytes).ifPresent(problems::add);
        issuerProblem(config.issuer(), devOrTest).ifPresent(problems::add);
        masterKeyProblem(config, devOrTest).ifPresent(problems::add);
        bootstrapAdminProblem(config.bootstrapAdmin(), policy).ifPresent(problems::add);
        tlsProblem(config.tls().certFile(), config.tls().keyFile()).ifPresent(problems::add);
        return problems;
    }

    /** The configured Argon2id memory must fit this heap's budget for one hash ({@link PasswordMemory}). */
    private static Optional<String> passwordMemoryProblem(int memoryKib, long maxHeapBytes) {
        if (memoryKib <= PasswordMemory.budgetKib(maxHeapBytes)) {
            return Optional.empty();
        }
        return Optional.of("gatehouse.password.argon2-memory-kib=" + memoryKib + " needs a heap of at least "
                + PasswordMemory.heapNeededMib(memoryKib) + " MiB (four times one hash's memory); this JVM's heap is "
                + maxHeapBytes / (1024 * 1024) + " MiB: raise the pod's memory or lower the Argon2id memory");
    }

    private static Optional<String> issuerProblem(Optional<String> issuer, boolean devOrTest) {
        if (devOrTest) {
            return Optional.empty();
        }
        if (issuer.isEmpty()) {
            return Optional.of("set gatehouse.issuer (GATEHOUSE_ISSUER) to the public base URL of this service");
        }
        URI uri;
        try {
            uri = URI.create(issuer.get().trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("gatehouse.issuer is not a URL");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.of("gatehouse.issuer must be an absolute URL such as https://id.example.com");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())
                && !LOCAL_HOSTS.contains(uri.getHost().toLowerCase())) {
            return Optional.of("gatehouse.issuer must be an https URL in prod (http is accepted only for localhost)");
        }
        return Optional.empty();
    }

    private static Optional<String> masterKeyProblem(GatehouseConfig config, boolean devOrTest) {
        Optional<String> key;
        try {
            key = MasterKeySetting.read(config);
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        if (key.isEmpty()) {
            return devOrTest
                    ? Optional.empty()
                    : Optional.of("set gatehouse.master-key (GATEHOUSE_MASTER_KEY) or "
                            + "gatehouse.master-key-file (GATEHOUSE_MASTER_KEY_FILE) to at least "
                            + MIN_MASTER_KEY_BYTES
                            + " random bytes in base64; " + GENERATE);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.get());
        } catch (IllegalArgumentException e) {
            return Optional.of("the master key is not valid base64");
        }
        if (bytes.length < MIN_MASTER_KEY_BYTES) {
            return Optional.of(
                    "the master key must decode to at least " + MIN_MASTER_KEY_BYTES + " bytes; " + GENERATE);
        }
        if (distinctValues(bytes) < MIN_DISTINCT_KEY_BYTES) {
            return Optional.of(
                    "the master key is not random (all zeros, one repeated byte or a short repeated pattern); "
                            + GENERATE);
        }
        return Optional.empty();
    }

    private static Optional<String> bootstrapAdminProblem(GatehouseConfig.BootstrapAdmin admin, PasswordRule policy) {
        if (admin.email().isPresent() != admin.password().isPresent()) {
            return Optional.of("set both gatehouse.bootstrap-admin.email and gatehouse.bootstrap-admin.password "
                    + "(GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL, GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD), or neither");
        }
        if (admin.password().isEmpty()) {
            return Optional.empty();
        }
        return policy.refusal(admin.password().get(), admin.email().get())
                .map(reason -> "gatehouse.bootstrap-admin.password (GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD) is refused by "
                        + "the password policy: " + reason);
    }

    /** A certificate needs its key and a key its certificate; HTTPS would silently stay off otherwise. */
    static Optional<String> tlsProblem(Optional<String> certFile, Optional<String> keyFile) {
        if (certFile.isPresent() != keyFile.isPresent()) {
            return Optional.of("set both gatehouse.tls.cert-file and gatehouse.tls.key-file (GATEHOUSE_TLS_CERT_FILE, "
                    + "GATEHOUSE_TLS_KEY_FILE) to serve HTTPS, or neither");
        }
        return Optional.empty();
    }

    /** With forwarding on and no trusted proxies, Quarkus believes forwarded headers from any peer. */
    static Optional<String> proxyProblem(boolean forwarding, Optional<String> trustedProxies) {
        if (forwarding && trustedProxies.filter(v -> !v.isBlank()).isEmpty()) {
            return Optional.of("quarkus.http.proxy.proxy-address-forwarding is on without "
                    + "quarkus.http.proxy.trusted-proxies (QUARKUS_HTTP_PROXY_TRUSTED_PROXIES): any client could "
                    + "forge X-Forwarded-For and X-Forwarded-Proto; list the ingress addresses or CIDRs");
        }
        return Optional.empty();
    }

    private static int distinctValues(byte[] bytes) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : bytes) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        return distinct;
    }
}
