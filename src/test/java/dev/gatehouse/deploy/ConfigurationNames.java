package dev.gatehouse.deploy;

import static dev.gatehouse.deploy.Manifests.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration names the manifests may use: the Quarkus run-time properties and Gatehouse's
 * {@code @ConfigMapping} names, as environment variables, and what the app container is given.
 */
final class ConfigurationNames {

    private ConfigurationNames() {}

    /** The Quarkus properties the manifests may set (each must exist and be read at run time). */
    static final List<String> QUARKUS_PROPERTIES = List.of(
            "quarkus.datasource.reactive.url",
            "quarkus.datasource.username",
            "quarkus.datasource.password",
            "quarkus.redis.hosts",
            "quarkus.redis.client-type",
            "quarkus.redis.master-name",
            "quarkus.redis.password",
            "quarkus.http.proxy.proxy-address-forwarding",
            "quarkus.http.proxy.allow-x-forwarded",
            "quarkus.http.proxy.trusted-proxies",
            "quarkus.shutdown.delay",
            "quarkus.shutdown.timeout");

    /** What a production start needs (see StartupChecks), required in every overlay. */
    static final List<String> REQUIRED_ENV = List.of(
            "GATEHOUSE_ISSUER",
            "GATEHOUSE_MASTER_KEY",
            "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_REDIS_HOSTS");

    /** Names the app container gets: its env, its ConfigMaps' keys and the Secret template's keys. */
    static Set<String> appEnvNames(String tree) throws IOException {
        Container c = appContainer(tree);
        Set<String> names = new TreeSet<>();
        if (c.getEnv() != null) {
            c.getEnv().stream().map(EnvVar::getName).forEach(names::add);
        }
        for (EnvFromSource from : c.getEnvFrom()) {
            assertTrue(from.getPrefix() == null, tree + ": envFrom prefix changes the names");
            if (from.getConfigMapRef() != null) {
                Set<String> keys = named(
                                tree, ConfigMap.class, from.getConfigMapRef().getName())
                        .getData()
                        .keySet();
                for (String key : keys) {
                    assertFalse(
                            key.contains("PASSWORD") || key.contains("MASTER_KEY"),
                            tree + ": " + key + " belongs in the Secret");
                }
                names.addAll(keys);
            }
            if (from.getSecretRef() != null) {
                assertEquals(APP, from.getSecretRef().getName(), tree);
                for (Path file : secretExamples(tree)) {
                    Secret secret = (Secret) typed(STRICT.readTree(file.toFile()), file.toString());
                    names.addAll(secret.getStringData().keySet());
                }
            }
        }
        return names;
    }

    /** The Secret templates that apply to a tree: the base's and the tree's own, if any. */
    static List<Path> secretExamples(String tree) {
        List<Path> files = new ArrayList<>();
        for (String dir : new LinkedHashSet<>(List.of("k8s/base", tree))) {
            Path file = ROOT.resolve(dir).resolve("secret.example.yaml");
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        assertFalse(files.isEmpty(), tree + ": no secret.example.yaml");
        return files;
    }

    /** Property names of a {@code @ConfigMapping} interface, by SmallRye Config's naming rules. */
    static void gatehouseProperties(Class<?> mapping, String prefix, Set<String> out) {
        for (Method m : mapping.getDeclaredMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            WithName withName = m.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(m.getName()));
            Type type = m.getGenericReturnType();
            if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
                type = p.getActualTypeArguments()[0];
            }
            if (type instanceof Class<?> group
                    && group.isInterface()
                    && group.getName().startsWith("dev.gatehouse.")) {
                gatehouseProperties(group, name, out);
            } else {
                out.add(name);
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** MicroProfile Config's rule: every non-alphanumeric character becomes _, then upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Run-time properties documented by the Quarkus extensions on the class path. */
    static Set<String> runtimeQuarkusProperties() throws IOException {
        Set<String> out = new TreeSet<>();
        for (URL url : Collections.list(Manifests.class
                .getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
            try (InputStream in = url.openStream()) {
                collectRuntime(JSON.readTree(in), out);
            }
        }
        assertFalse(out.isEmpty(), "no Quarkus configuration metadata on the class path");
        return out;
    }

    static void collectRuntime(JsonNode node, Set<String> out) {
        if (node.isObject()
                && node.path("path").has("property")
                && "RUN_TIME".equals(node.path("phase").asText())) {
            out.add(node.path("path").path("property").asText());
        }
        node.forEach(child -> collectRuntime(child, out));
    }
}
