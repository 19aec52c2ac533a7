package dev.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.StubConfig;
import dev.gatehouse.user.PasswordPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {

    private static final String GOOD_KEY = randomKey(32);
    private static final String PROD_ISSUER = "https://id.example";
    private static final PasswordPolicy POLICY = new PasswordPolicy(StubConfig.defaults());

    @TempDir
    Path dir;

    @Test
    void prodWithoutIssuerOrMasterKeyIsRefused() {
        List<String> problems = prod(config(null, null));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).contains("gatehouse.issuer"));
        assertTrue(problems.get(1).contains("gatehouse.master-key"));
        assertTrue(problems.get(1).contains("GATEHOUSE_MASTER_KEY_FILE"));
    }

    @Test
    void prodWithShortOrMalformedMasterKeyIsRefused() {
        assertOnlyProblem(config(PROD_ISSUER, randomKey(31)), "32 bytes");
        assertOnlyProblem(config(PROD_ISSUER, "not base64!"), "base64");
    }

    @Test
    void handMadeMasterKeysAreRefused() {
        assertOnlyProblem(config(PROD_ISSUER, encode(new byte[32])), "not random");
        assertOnlyProblem(
                config(PROD_ISSUER, encode("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".getBytes())), "not random");
        assertOnlyProblem(config(PROD_ISSUER, encode("abcdabcdabcdabcdabcdabcdabcdabcd".getBytes())), "not random");
        assertOnlyProblem(config(PROD_ISSUER, encode("passwordpasswordpasswordpassword".getBytes())), "not random");
    }

    @Test
    void weakMasterKeyIsRefusedInDevToo() {
        List<String> problems = StartupChecks.problems(config(null, encode(new byte[32])), true, POLICY);
        assertEquals(1, problems.size(), problems::toString);
    }

    @Test
    void prodWithIssuerAndMasterKeyStarts() {
        assertEquals(List.of(), prod(config(PROD_ISSUER, GOOD_KEY)));
    }

    @Test
    void devAndTestMayRunWithoutEither() {
        assertEquals(List.of(), StartupChecks.problems(config(null, null), true, POLICY));
    }

    @Test
    void prodIssuerMustBeHttpsExceptOnLocalhost() {
        assertOnlyProblem(config("http://id.example", GOOD_KEY), "https");
        assertOnlyProblem(config("id.example", GOOD_KEY), "absolute URL");
        assertEquals(List.of(), prod(config("http://localhost:8080", GOOD_KEY)));
        assertEquals(List.of(), prod(config("http://127.0.0.1:8080", GOOD_KEY)));
        assertEquals(List.of(), StartupChecks.problems(config("http://id.example", GOOD_KEY), true, POLICY));
    }

    @Test
    void masterKeyIsReadFromAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("master-key"), GOOD_KEY + "\n");
        StubConfig config = StubConfig.defaults().withIssuer(PROD_ISSUER).withMasterKeyFile(file.toString());
        assertEquals(List.of(), prod(config));
        assertEquals(Optional.of(GOOD_KEY), MasterKeySetting.read(config));
    }

    @Test
    void masterKeyFileIsCheckedLikeTheValue() throws IOException {
        Path weak = Files.writeString(dir.resolve("weak"), encode(new byte[32]));
        assertOnlyProblem(
                StubConfig.defaults().withIssuer(PROD_ISSUER).withMasterKeyFile(weak.toString()), "not random");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertOnlyProblem(
                StubConfig.defaults().withIssuer(PROD_ISSUER).withMasterKeyFile(empty.toString()), "is empty");
        String missing = dir.resolve("missing").toString();
        assertOnlyProblem(StubConfig.defaults().withIssuer(PROD_ISSUER).withMasterKeyFile(missing), "cannot be read");
    }

    @Test
    void masterKeyAndMasterKeyFileTogetherAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("master-key"), GOOD_KEY);
        StubConfig both = config(PROD_ISSUER, GOOD_KEY).withMasterKeyFile(file.toString());
        assertOnlyProblem(both, "not both");
        assertEquals(1, StartupChecks.problems(both, true, POLICY).size(), "refused in dev and test too");
    }

    @Test
    void weakBootstrapAdminPasswordIsRefusedWithTheReason() {
        List<String> problems = StartupChecks.problems(
                config(PROD_ISSUER, GOOD_KEY).withBootstrapAdmin("admin@example.com", "password"), true, POLICY);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(
                problems.get(0)
                        .startsWith("gatehouse.bootstrap-admin.password (GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD) "
                                + "is refused by the password policy: The password must be at least 15"),
                problems.get(0));
        assertOnlyProblem(
                config(PROD_ISSUER, GOOD_KEY).withBootstrapAdmin("admin@example.com", "passwordpassword123"), "common");
    }

    @Test
    void bootstrapAdminNeedsBothEmailAndPassword() {
        assertOnlyProblem(config(PROD_ISSUER, GOOD_KEY).withBootstrapAdmin("admin@example.com", null), "set both");
        assertOnlyProblem(
                config(PROD_ISSUER, GOOD_KEY).withBootstrapAdmin(null, "correct-zebra-lamp-orbit"), "set both");
        assertEquals(
                List.of(),
                prod(config(PROD_ISSUER, GOOD_KEY)
                        .withBootstrapAdmin("admin@example.com", "correct-zebra-lamp-orbit")));
    }

    @Test
    void argon2MemoryOverAQuarterOfTheHeapIsRefused() {
        StubConfig config = config(PROD_ISSUER, GOOD_KEY).withPassword(15, 128, 19456, 2, 1);
        long mib = 1024 * 1024;
        List<String> problems = StartupChecks.problems(config, false, POLICY, 64 * mib);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("gatehouse.password.argon2-memory-kib=19456"), problems.get(0));
        assertTrue(problems.get(0).contains("at least 76 MiB"), problems.get(0));
        assertTrue(problems.get(0).contains("is 64 MiB"), problems.get(0));
        // 19 MiB is exactly a quarter of 76 MiB; the image's 96 MiB heap takes the default
        assertEquals(List.of(), StartupChecks.problems(config, false, POLICY, 76 * mib));
        assertEquals(List.of(), StartupChecks.problems(config, false, POLICY, 96 * mib));
        assertEquals(
                1, StartupChecks.problems(config, true, POLICY, 76 * mib - 1).size(), "in dev and test too");
    }

    @Test
    void certificateWithoutKeyIsRefused() {
        assertTrue(StartupChecks.tlsProblem(Optional.of("/tls/tls.crt"), Optional.empty())
                .orElseThrow()
                .contains("both"));
        assertTrue(StartupChecks.tlsProblem(Optional.empty(), Optional.of("/tls/tls.key"))
                .isPresent());
        assertEquals(
                Optional.empty(), StartupChecks.tlsProblem(Optional.of("/tls/tls.crt"), Optional.of("/tls/tls.key")));
        assertEquals(Optional.empty(), StartupChecks.tlsProblem(Optional.empty(), Optional.empty()));
    }

    @Test
    void forwardingWithoutTrustedProxiesIsRefused() {
        assertTrue(
                StartupChecks.proxyProblem(true, Optional.empty()).orElseThrow().contains("trusted-proxies"));
        assertTrue(StartupChecks.proxyProblem(true, Optional.of(" ")).isPresent());
        assertEquals(Optional.empty(), StartupChecks.proxyProblem(true, Optional.of("10.0.0.0/8")));
        assertEquals(Optional.empty(), StartupChecks.proxyProblem(false, Optional.empty()));
    }

    private static List<String> prod(GatehouseConfig config) {
        return StartupChecks.problems(config, false, POLICY);
    }

    private static void assertOnlyProblem(GatehouseConfig config, String part) {
        List<String> problems = prod(config);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(part), problems.get(0));
    }

    private static StubConfig config(String issuer, String masterKey) {
        return StubConfig.defaults().withIssuer(issuer).withMasterKey(masterKey);
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return encode(key);
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
