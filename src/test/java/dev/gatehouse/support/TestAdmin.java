package dev.gatehouse.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Gives the test application a bootstrap admin and a master key made at test time, so no secret
 * is committed. Tests read them back through the static accessors.
 */
public class TestAdmin implements QuarkusTestResourceLifecycleManager {

    /** Unique per run: the test database outlives a run, and with it earlier admins. */
    public static final String EMAIL = "admin-" + random(6).toLowerCase() + "@gatehouse.test";

    private static final String PASSWORD = "Adm1n-" + random(18);

    public static String password() {
        return PASSWORD;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "gatehouse.bootstrap-admin.email", EMAIL,
                "gatehouse.bootstrap-admin.password", PASSWORD,
                "gatehouse.master-key", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
    }

    @Override
    public void stop() {}

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
