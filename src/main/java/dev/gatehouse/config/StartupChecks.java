package dev.gatehouse.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Refuses a production start with settings that would make Gatehouse unsafe: a missing issuer, a
 * missing or short master key. Dev and test fall back to local defaults.
 */
public class StartupChecks {

    /** AES-256 needs 32 bytes of key material. */
    static final int MIN_MASTER_KEY_BYTES = 32;

    void onStart(@Observes @Priority(1) StartupEvent event, GatehouseConfig config) {
        List<String> problems = problems(config, Profiles.isDevOrTest());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Gatehouse cannot start: " + String.join("; ", problems));
        }
    }

    static List<String> problems(GatehouseConfig config, boolean devOrTest) {
        List<String> problems = new ArrayList<>();
        if (config.issuer().isEmpty() && !devOrTest) {
            problems.add("set gatehouse.issuer (GATEHOUSE_ISSUER) to the public base URL of this service");
        }
        if (config.masterKey().isPresent()) {
            String reason = masterKeyProblem(config.masterKey().get());
            if (reason != null) {
                problems.add(reason);
            }
        } else if (!devOrTest) {
            problems.add("set gatehouse.master-key (GATEHOUSE_MASTER_KEY) to at least "
                    + MIN_MASTER_KEY_BYTES + " random bytes in base64, e.g. from `openssl rand -base64 32`");
        }
        return problems;
    }

    private static String masterKeyProblem(String value) {
        try {
            if (Base64.getDecoder().decode(value.trim()).length < MIN_MASTER_KEY_BYTES) {
                return "gatehouse.master-key must decode to at least " + MIN_MASTER_KEY_BYTES + " bytes";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "gatehouse.master-key is not valid base64";
        }
    }
}
