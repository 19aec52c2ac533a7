package dev.gatehouse.deploy;

import static dev.gatehouse.deploy.ConfigurationNames.*;
import static dev.gatehouse.deploy.Manifests.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.config.GatehouseConfig;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the manifests configure exists: environment names are real settings, trusted proxies
 * default to nobody, Secret templates hold no secrets. ({@link Manifests})
 */
class ManifestConfigurationTest {

    @BeforeAll
    static void render() throws Exception {
        Manifests.render();
    }

    @Test
    void trustedProxiesDefaultToNobodyAndOverlaysNameTheIngressRange() {
        Map<String, String> base = appConfig("k8s/base");
        assertFalse(base.containsKey("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), "the base trusts no proxy");
        assertFalse(
                "true".equals(base.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")),
                "the base reads no X-Forwarded-*");
        for (String tree : TREES) {
            Map<String, String> data = appConfig(tree);
            if (!"true".equals(data.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"))) {
                continue;
            }
            String proxies = data.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
            assertFalse(isBlank(proxies), tree + ": forwarding on needs the ingress controller's range");
            for (String entry : proxies.split(",")) {
                int slash = entry.indexOf('/');
                int bits = slash < 0
                        ? 32
                        : Integer.parseInt(entry.substring(slash + 1).trim());
                assertTrue(
                        bits >= 16,
                        tree + ": " + entry.trim()
                                + " is wider than an ingress controller's range (any pod could name its own client IP)");
            }
        }
        assertTrue(
                "true".equals(appConfig("k8s/overlays/production").get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")),
                "production runs behind its ingress controller");
    }

    @Test
    void everyEnvironmentVariableIsARealConfigurationName() throws IOException {
        Set<String> known = new TreeSet<>();
        gatehouseProperties(GatehouseConfig.class, "gatehouse", known);
        Set<String> runtimeQuarkus = runtimeQuarkusProperties();
        for (String property : QUARKUS_PROPERTIES) {
            assertTrue(
                    runtimeQuarkus.contains(property), property + " is not a run-time Quarkus property of this build");
            known.add(property);
        }
        Map<String, String> envNames = new LinkedHashMap<>();
        known.forEach(p -> envNames.put(envName(p), p));

        for (String tree : TREES) {
            Set<String> names = appEnvNames(tree);
            for (String name : names) {
                assertTrue(
                        envNames.containsKey(name),
                        tree + ": " + name + " is not a configuration name; known: " + envNames.keySet());
            }
            if (!tree.endsWith("base")) {
                for (String required : REQUIRED_ENV) {
                    assertTrue(names.contains(required), tree + " does not set " + required);
                }
            }
        }
    }

    @Test
    void secretTemplatesHoldNoSecrets() throws IOException {
        for (Path file : secretExamples("k8s/overlays/production")) {
            Secret secret = (Secret) typed(STRICT.readTree(file.toFile()), file.toString());
            assertEquals(APP, secret.getMetadata().getName(), file.toString());
            assertTrue(secret.getData() == null || secret.getData().isEmpty(), file + ": use stringData");
            secret.getStringData().forEach((key, value) -> {
                if (key.contains("PASSWORD") || key.contains("KEY")) {
                    assertEquals("", value, file + ": " + key + " must stay empty in the repository");
                }
            });
        }
    }

    // --- helpers ---
}
