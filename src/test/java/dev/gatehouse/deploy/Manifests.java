package dev.gatehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The kustomize trees in {@code k8s/} rendered with {@code kubectl kustomize}, each object read
 * strictly into its typed Kubernetes model (unknown fields, wrong types and unknown kinds fail),
 * and the lookups the manifest tests share. Needs kubectl (1.21+) on the PATH: the tests fail,
 * never skip, without it; {@code .ci/check-manifests} installs it.
 */
final class Manifests {

    private Manifests() {}

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final List<String> TREES = List.of("k8s/base", "k8s/overlays/local", "k8s/overlays/production");
    static final String APP = "gatehouse";
    /** The schema migration Job and its NetworkPolicy. */
    static final String MIGRATE = "gatehouse-migrate";

    /** Every kind the manifests may contain, by apiVersion/kind, with its typed model. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class));

    /** Where Quarkus serves /q/* (application.properties: quarkus.management.*). */
    static final int MANAGEMENT_PORT = 9000;
    /** The namespaces allowed in: the ingress controller's (to the application port) and Prometheus's (to /q/metrics). */
    static final String INGRESS_NAMESPACE = "ingress-nginx";

    static final String PROMETHEUS_NAMESPACE = "monitoring";
    static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

    /** Reads Kubernetes objects strictly: fabric8's catch-all for unknown fields is switched off. */
    static final ObjectMapper STRICT = YAMLMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static final ObjectMapper JSON = new ObjectMapper();

    /** Rendered objects of each tree, in order. */
    static final Map<String, List<HasMetadata>> RENDERED = new LinkedHashMap<>();

    private static boolean rendered;

    /** Renders every tree once per test JVM, for all the manifest test classes. */
    static synchronized void render() throws Exception {
        if (rendered) {
            return;
        }
        rendered = true;
        for (String tree : TREES) {
            List<HasMetadata> objects = new ArrayList<>();
            for (JsonNode node : STRICT.readValues(STRICT.createParser(kustomize(tree)), JsonNode.class)
                    .readAll()) {
                objects.add(typed(node, tree));
            }
            RENDERED.put(tree, objects);
        }
    }

    static String kustomize(String tree) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", tree)
                    .directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            return fail("kubectl is needed to render " + tree
                    + " (apt-get install kubectl, or run .ci/check-manifests): " + e.getMessage());
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + tree + " timed out");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + tree + " failed:\n" + err);
        return new String(out, StandardCharsets.UTF_8);
    }

    static HasMetadata typed(JsonNode node, String where) {
        String key = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        assertNotNull(type, where + ": unexpected kind " + key);
        try {
            HasMetadata object = STRICT.treeToValue(node, type);
            assertNotNull(object.getMetadata(), where + ": " + key + " without metadata");
            assertFalse(isBlank(object.getMetadata().getName()), where + ": " + key + " without a name");
            return object;
        } catch (IOException e) {
            return fail(where + ": " + key + " does not match its schema: " + e.getMessage());
        }
    }

    static <T extends HasMetadata> List<T> all(String tree, Class<T> type) {
        return RENDERED.get(tree).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    static <T extends HasMetadata> T named(String tree, Class<T> type, String name) {
        return all(tree, type).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(tree + ": no " + type.getSimpleName() + " " + name));
    }

    static Deployment appDeployment(String tree) {
        return named(tree, Deployment.class, APP);
    }

    static Container appContainer(String tree) {
        List<Container> containers =
                appDeployment(tree).getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), tree);
        return containers.get(0);
    }

    static String path(Probe probe) {
        assertNotNull(probe);
        assertNotNull(probe.getHttpGet(), "HTTP probe");
        return probe.getHttpGet().getPath();
    }

    static String port(NetworkPolicyPort p) {
        return (p.getProtocol() == null ? "TCP" : p.getProtocol()) + "/"
                + p.getPort().getIntVal();
    }

    static String configMapValue(String tree, String key) {
        for (EnvFromSource from : appContainer(tree).getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String value = named(
                                tree, ConfigMap.class, from.getConfigMapRef().getName())
                        .getData()
                        .get(key);
                if (value != null) {
                    return value;
                }
            }
        }
        return fail(tree + ": no ConfigMap value " + key);
    }

    /** The values of the app container's ConfigMaps, merged. */
    static Map<String, String> appConfig(String tree) {
        Map<String, String> data = new TreeMap<>();
        for (EnvFromSource from : appContainer(tree).getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                data.putAll(named(tree, ConfigMap.class, from.getConfigMapRef().getName())
                        .getData());
            }
        }
        return data;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
