package dev.gatehouse.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.config.GatehouseConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders the kustomize trees in {@code k8s/} with {@code kubectl kustomize}, validates every
 * object strictly against its typed Kubernetes model (unknown fields, wrong types and unknown
 * kinds fail) and checks what the deployment relies on. Needs kubectl (1.21+) on the PATH: it
 * fails, never skips, without it; {@code .ci/check-manifests} installs it.
 */
class ManifestsTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final List<String> TREES = List.of("k8s/base", "k8s/overlays/local", "k8s/overlays/production");
    static final String APP = "gatehouse";

    /** Every kind the manifests may contain, by apiVersion/kind, with its typed model. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
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
    static final List<String> REQUIRED_ENV = List.of("GATEHOUSE_ISSUER", "GATEHOUSE_MASTER_KEY",
            "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_REDIS_HOSTS");

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

    @BeforeAll
    static void render() throws Exception {
        for (String tree : TREES) {
            List<HasMetadata> objects = new ArrayList<>();
            for (JsonNode node : STRICT.readValues(STRICT.createParser(kustomize(tree)), JsonNode.class).readAll()) {
                objects.add(typed(node, tree));
            }
            RENDERED.put(tree, objects);
        }
    }

    static String kustomize(String tree) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", tree).directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            return fail("kubectl is needed to render " + tree + " (apt-get install kubectl, or run .ci/check-manifests): " + e.getMessage());
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

    @Test
    void strictReadingRejectsUnknownFieldsAndWrongTypes() {
        String unknown = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replica: 2}\n";
        String wrongType = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: two}\n";
        for (String yaml : List.of(unknown, wrongType)) {
            assertThrows(IOException.class, () -> STRICT.treeToValue(STRICT.readTree(yaml), Deployment.class), yaml);
        }
    }

    @Test
    void everyTreeRendersOnlyKnownValidObjects() {
        RENDERED.forEach((tree, objects) -> {
            assertFalse(objects.isEmpty(), tree);
            assertTrue(objects.stream().noneMatch(o -> o instanceof Secret),
                    tree + " must not contain a Secret: `kubectl apply -k` would overwrite the real one");
            for (Deployment deployment : all(tree, Deployment.class)) {
                for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    assertFalse(isBlank(c.getName()) || isBlank(c.getImage()), tree + ": container needs a name and an image");
                }
            }
        });
    }

    @Test
    void probesUseTheHealthEndpointsOnTheManagementPort() throws IOException {
        assertDoesLoad("io.smallrye.health.SmallRyeHealthReporter"); // quarkus-smallrye-health serves /q/health/*
        String properties = Files.readString(ROOT.resolve("src/main/resources/application.properties"));
        assertFalse(properties.contains("non-application-root-path") || properties.contains("smallrye-health.root-path"),
                "application.properties moves the health endpoints; update the probes");
        assertTrue(properties.contains("\nquarkus.management.enabled=true"), "/q/* is served on the management interface");
        assertTrue(properties.contains("\nquarkus.management.port=" + MANAGEMENT_PORT), "the management port is " + MANAGEMENT_PORT);
        for (String tree : TREES) {
            Container c = appContainer(tree);
            assertEquals("/q/health/started", path(c.getStartupProbe()), tree);
            assertEquals("/q/health/live", path(c.getLivenessProbe()), tree);
            assertEquals("/q/health/ready", path(c.getReadinessProbe()), tree);
            for (Probe probe : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                assertEquals("management", probe.getHttpGet().getPort().getStrVal(), tree + ": probes use the management port");
            }
            Map<String, Integer> ports = new TreeMap<>();
            c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
            assertEquals(Map.of("http", 8080, "management", MANAGEMENT_PORT), ports, tree + ": Quarkus listens on 8080 and 9000");
        }
    }

    @Test
    void theManagementPortIsNeverExposedToUsers() {
        for (String tree : TREES) {
            for (Service service : all(tree, Service.class)) {
                service.getSpec().getPorts().forEach(p -> {
                    assertFalse("management".equals(p.getTargetPort().getStrVal())
                            || Integer.valueOf(MANAGEMENT_PORT).equals(p.getTargetPort().getIntVal()), tree + ": Service " + service.getMetadata().getName());
                });
            }
            named(tree, Ingress.class, APP).getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(p ->
                    assertEquals("http", p.getBackend().getService().getPort().getName(), tree + ": the Ingress reaches only the application port")));
            for (PodMonitor monitor : all(tree, PodMonitor.class)) {
                monitor.getSpec().getPodMetricsEndpoints().forEach(endpoint -> {
                    assertEquals("management", endpoint.getPort(), tree + ": Prometheus scrapes the management port");
                    assertEquals("/q/metrics", endpoint.getPath(), tree);
                });
            }
        }
        assertFalse(all("k8s/base", PodMonitor.class).isEmpty(), "the base tells Prometheus where to scrape");
    }

    @Test
    void trustedProxiesDefaultToNobodyAndOverlaysNameTheIngressRange() {
        Map<String, String> base = appConfig("k8s/base");
        assertFalse(base.containsKey("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), "the base trusts no proxy");
        assertFalse("true".equals(base.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")), "the base reads no X-Forwarded-*");
        for (String tree : TREES) {
            Map<String, String> data = appConfig(tree);
            if (!"true".equals(data.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"))) {
                continue;
            }
            String proxies = data.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
            assertFalse(isBlank(proxies), tree + ": forwarding on needs the ingress controller's range");
            for (String entry : proxies.split(",")) {
                int slash = entry.indexOf('/');
                int bits = slash < 0 ? 32 : Integer.parseInt(entry.substring(slash + 1).trim());
                assertTrue(bits >= 16, tree + ": " + entry.trim() + " is wider than an ingress controller's range (any pod could name its own client IP)");
            }
        }
        assertTrue("true".equals(appConfig("k8s/overlays/production").get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")),
                "production runs behind its ingress controller");
    }

    @Test
    void everyEnvironmentVariableIsARealConfigurationName() throws IOException {
        Set<String> known = new TreeSet<>();
        gatehouseProperties(GatehouseConfig.class, "gatehouse", known);
        Set<String> runtimeQuarkus = runtimeQuarkusProperties();
        for (String property : QUARKUS_PROPERTIES) {
            assertTrue(runtimeQuarkus.contains(property), property + " is not a run-time Quarkus property of this build");
            known.add(property);
        }
        Map<String, String> envNames = new LinkedHashMap<>();
        known.forEach(p -> envNames.put(envName(p), p));

        for (String tree : TREES) {
            Set<String> names = appEnvNames(tree);
            for (String name : names) {
                assertTrue(envNames.containsKey(name), tree + ": " + name + " is not a configuration name; known: " + envNames.keySet());
            }
            if (!tree.endsWith("base")) {
                for (String required : REQUIRED_ENV) {
                    assertTrue(names.contains(required), tree + " does not set " + required);
                }
            }
        }
    }

    @Test
    void imagesMatchTheDockerfiles() throws IOException {
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        for (String file : List.of("Dockerfile.jvm", "Dockerfile.native-micro", "Dockerfile.native")) {
            List<String> header = Files.readAllLines(ROOT.resolve("src/main/docker").resolve(file)).stream()
                    .takeWhile(l -> l.startsWith("#")).toList();
            String text = String.join("\n", header);
            assertTrue(text.contains("docker build -f src/main/docker/" + file), file + ": header gives the build command");
            assertTrue(text.contains("docker run "), file + ": header gives the run command");
            Set<String> found = new LinkedHashSet<>();
            Matcher m = Pattern.compile("\\s-t\\s+(\\S+)").matcher(text);
            while (m.find()) {
                found.add(m.group(1));
            }
            assertEquals(1, found.size(), file + ": one image tag in the header");
            String tag = found.iterator().next();
            assertTrue(tag.startsWith("gatehouse/gatehouse:"), file + ": " + tag);
            assertTrue(text.contains(" " + tag + "\n") || text.endsWith(" " + tag), file + ": docker run uses " + tag);
            tags.put(file, found);
        }
        assertEquals(tags.get("Dockerfile.native-micro"), tags.get("Dockerfile.native"), "both native files build the same image");
        for (String tree : TREES) {
            String image = appContainer(tree).getImage();
            assertTrue(tags.get("Dockerfile.native-micro").contains(image), tree + ": image " + image + " is not built by the Dockerfiles");
        }
    }

    @Test
    void theContainerRunsLockedDown() throws IOException {
        long dockerUser = Long.parseLong(lastUser("Dockerfile.native-micro"));
        assertEquals(dockerUser, Long.parseLong(lastUser("Dockerfile.native")));
        for (String tree : TREES) {
            PodSpec pod = appDeployment(tree).getSpec().getTemplate().getSpec();
            Container c = appContainer(tree);
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), tree);
            assertEquals(dockerUser, pod.getSecurityContext().getRunAsUser(), tree + ": runAsUser is the images' USER");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), tree);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), tree);
            ServiceAccount account = named(tree, ServiceAccount.class, pod.getServiceAccountName());
            assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken(), tree);
            assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), tree);
            assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), tree);
            assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), tree);
            assertTrue(c.getSecurityContext().getCapabilities().getAdd() == null
                    || c.getSecurityContext().getCapabilities().getAdd().isEmpty(), tree);
            String tmpVolume = c.getVolumeMounts().stream().filter(v -> v.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(tree + ": /tmp must be writable")).getName();
            assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(tmpVolume) && v.getEmptyDir() != null), tree);
            assertNotNull(c.getResources().getRequests().get("memory"), tree);
            assertNotNull(c.getResources().getLimits().get("memory"), tree);
            // Graceful shutdown: Quarkus' delay (readiness DOWN, still serving) plus its drain time fit
            // in the grace period, and readiness is probed often enough to be seen within the delay.
            Duration delay = Duration.parse("PT" + configMapValue(tree, "QUARKUS_SHUTDOWN_DELAY").toUpperCase(Locale.ROOT));
            Duration drain = Duration.parse("PT" + configMapValue(tree, "QUARKUS_SHUTDOWN_TIMEOUT").toUpperCase(Locale.ROOT));
            assertTrue(delay.toSeconds() > 0 && delay.toSeconds() + drain.toSeconds() < pod.getTerminationGracePeriodSeconds(), tree);
            assertTrue(c.getReadinessProbe().getPeriodSeconds() <= delay.toSeconds(), tree);
        }
    }

    @Test
    void replicasAutoscalingAndDisruptionBudget() {
        for (String tree : TREES) {
            Deployment d = appDeployment(tree);
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            if (!tree.endsWith("local")) {
                assertTrue(d.getSpec().getReplicas() >= 2, tree + ": at least 2 replicas");
            }
            HorizontalPodAutoscaler hpa = named(tree, HorizontalPodAutoscaler.class, APP);
            assertEquals(APP, hpa.getSpec().getScaleTargetRef().getName(), tree);
            assertTrue(hpa.getSpec().getMinReplicas() >= 2 && hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(), tree);
            assertTrue(hpa.getSpec().getMinReplicas() <= d.getSpec().getReplicas() || tree.endsWith("local"), tree);
            PodDisruptionBudget pdb = named(tree, PodDisruptionBudget.class, APP);
            assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), tree);
            Service service = named(tree, Service.class, APP);
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), tree);
            assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal(), tree);
        }
    }

    @Test
    void networkPolicyAdmitsOnlyTheIngressControllerAndPrometheusAndDependenciesOut() {
        Set<String> allowedOut = Set.of("TCP/5432", "TCP/6379", "TCP/26379", "UDP/53", "TCP/53");
        for (String tree : TREES) {
            NetworkPolicy policy = named(tree, NetworkPolicy.class, APP);
            Map<String, String> podLabels = appDeployment(tree).getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()), tree);
            assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()), tree);
            Map<String, Set<String>> fromByPort = new TreeMap<>();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertNotNull(rule.getPorts(), tree + ": every ingress rule names its ports");
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), tree + ": every ingress rule names who may connect");
                Set<String> namespaces = new TreeSet<>();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertTrue(peer.getIpBlock() == null, tree + ": no address blocks (they would admit any pod in them)");
                    assertNotNull(peer.getNamespaceSelector(), tree + ": peers are namespaces");
                    namespaces.add(peer.getNamespaceSelector().getMatchLabels().get(NAMESPACE_LABEL));
                }
                rule.getPorts().forEach(p -> fromByPort.computeIfAbsent(port(p), k -> new TreeSet<>()).addAll(namespaces));
            }
            assertEquals(Map.of("TCP/8080", Set.of(INGRESS_NAMESPACE), "TCP/" + MANAGEMENT_PORT, Set.of(PROMETHEUS_NAMESPACE)),
                    fromByPort, tree + ": the ingress controller reaches the application, Prometheus the management port");
            Set<String> out = new TreeSet<>();
            policy.getSpec().getEgress().forEach(rule -> {
                assertNotNull(rule.getPorts(), tree + ": every egress rule names its ports");
                rule.getPorts().forEach(p -> out.add(port(p)));
            });
            assertTrue(allowedOut.containsAll(out), tree + ": egress " + out);
            assertTrue(out.containsAll(Set.of("TCP/5432", "UDP/53", "TCP/53")), tree + ": egress " + out);
            assertTrue(out.contains("TCP/6379") || out.contains("TCP/26379"), tree + ": egress " + out);
            if (tree.endsWith("base")) {
                assertEquals(new TreeSet<>(Set.of("TCP/5432", "TCP/6379", "UDP/53", "TCP/53")), out, tree);
            }
        }
    }

    @Test
    void ingressServesTls() {
        for (String tree : TREES) {
            Ingress ingress = named(tree, Ingress.class, APP);
            assertFalse(ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty(), tree);
            Set<String> tlsHosts = new TreeSet<>();
            ingress.getSpec().getTls().forEach(t -> tlsHosts.addAll(t.getHosts()));
            if (!tree.endsWith("local")) {
                URI issuer = URI.create(configMapValue(tree, "GATEHOUSE_ISSUER"));
                assertEquals("https", issuer.getScheme(), tree + ": the issuer is served over TLS");
                assertTrue(tlsHosts.contains(issuer.getHost()), tree + ": the Ingress serves the issuer's host " + issuer.getHost());
            }
            ingress.getSpec().getRules().forEach(rule -> {
                assertTrue(tlsHosts.contains(rule.getHost()), tree + ": " + rule.getHost() + " without TLS");
                rule.getHttp().getPaths().forEach(p -> {
                    assertEquals(APP, p.getBackend().getService().getName(), tree);
                    assertEquals("http", p.getBackend().getService().getPort().getName(), tree);
                });
            });
        }
    }

    @Test
    void alertRulesCarryARunbook() {
        for (String tree : List.of("k8s/base", "k8s/overlays/production")) {
            List<Rule> alerts = all(tree, PrometheusRule.class).stream()
                    .flatMap(r -> r.getSpec().getGroups().stream()).flatMap(g -> g.getRules().stream())
                    .filter(r -> r.getAlert() != null).toList();
            assertTrue(alerts.stream().anyMatch(r -> r.getAlert().equals("GatehouseNotReady")), tree);
            for (Rule alert : alerts) {
                assertFalse(isBlank(alert.getAnnotations().get("runbook_url")), tree + ": " + alert.getAlert() + " needs runbook_url");
                assertFalse(isBlank(alert.getExpr().getStrVal()), tree + ": " + alert.getAlert());
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

    static <T extends HasMetadata> List<T> all(String tree, Class<T> type) {
        return RENDERED.get(tree).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(String tree, Class<T> type, String name) {
        return all(tree, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(tree + ": no " + type.getSimpleName() + " " + name));
    }

    static Deployment appDeployment(String tree) {
        return named(tree, Deployment.class, APP);
    }

    static Container appContainer(String tree) {
        List<Container> containers = appDeployment(tree).getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), tree);
        return containers.get(0);
    }

    static String path(Probe probe) {
        assertNotNull(probe);
        assertNotNull(probe.getHttpGet(), "HTTP probe");
        return probe.getHttpGet().getPath();
    }

    static String port(NetworkPolicyPort p) {
        return (p.getProtocol() == null ? "TCP" : p.getProtocol()) + "/" + p.getPort().getIntVal();
    }

    static String configMapValue(String tree, String key) {
        for (EnvFromSource from : appContainer(tree).getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String value = named(tree, ConfigMap.class, from.getConfigMapRef().getName()).getData().get(key);
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
                data.putAll(named(tree, ConfigMap.class, from.getConfigMapRef().getName()).getData());
            }
        }
        return data;
    }

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
                Set<String> keys = named(tree, ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet();
                for (String key : keys) {
                    assertFalse(key.contains("PASSWORD") || key.contains("MASTER_KEY"), tree + ": " + key + " belongs in the Secret");
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
            if (type instanceof Class<?> group && group.isInterface() && group.getName().startsWith("dev.gatehouse.")) {
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
        for (URL url : Collections.list(ManifestsTest.class.getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
            try (InputStream in = url.openStream()) {
                collectRuntime(JSON.readTree(in), out);
            }
        }
        assertFalse(out.isEmpty(), "no Quarkus configuration metadata on the class path");
        return out;
    }

    static void collectRuntime(JsonNode node, Set<String> out) {
        if (node.isObject() && node.path("path").has("property") && "RUN_TIME".equals(node.path("phase").asText())) {
            out.add(node.path("path").path("property").asText());
        }
        node.forEach(child -> collectRuntime(child, out));
    }

    static String lastUser(String dockerfile) throws IOException {
        List<String> users = Files.readAllLines(ROOT.resolve("src/main/docker").resolve(dockerfile)).stream()
                .filter(l -> l.startsWith("USER ")).map(l -> l.substring(5).trim()).toList();
        assertFalse(users.isEmpty(), dockerfile + " sets no USER");
        return users.get(users.size() - 1);
    }

    static void assertDoesLoad(String className) {
        try {
            Class.forName(className, false, ManifestsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            fail(className + " is not on the class path");
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
