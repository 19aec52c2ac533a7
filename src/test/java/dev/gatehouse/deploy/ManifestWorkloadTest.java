package dev.gatehouse.deploy;

import static dev.gatehouse.deploy.Manifests.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the pods run: probes on the management port, images as the Dockerfiles build them, a
 * locked-down container, replicas, autoscaling and the disruption budget. ({@link Manifests})
 */
class ManifestWorkloadTest {

    @BeforeAll
    static void render() throws Exception {
        Manifests.render();
    }

    @Test
    void probesUseTheHealthEndpointsOnTheManagementPort() throws IOException {
        assertDoesLoad("io.smallrye.health.SmallRyeHealthReporter"); // quarkus-smallrye-health serves /q/health/*
        String properties = Files.readString(ROOT.resolve("src/main/resources/application.properties"));
        assertFalse(
                properties.contains("non-application-root-path") || properties.contains("smallrye-health.root-path"),
                "application.properties moves the health endpoints; update the probes");
        assertTrue(
                properties.contains("\nquarkus.management.enabled=true"), "/q/* is served on the management interface");
        assertTrue(
                properties.contains("\nquarkus.management.port=" + MANAGEMENT_PORT),
                "the management port is " + MANAGEMENT_PORT);
        for (String tree : TREES) {
            Container c = appContainer(tree);
            assertEquals("/q/health/started", path(c.getStartupProbe()), tree);
            assertEquals("/q/health/live", path(c.getLivenessProbe()), tree);
            assertEquals("/q/health/ready", path(c.getReadinessProbe()), tree);
            for (Probe probe : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                assertEquals(
                        "management",
                        probe.getHttpGet().getPort().getStrVal(),
                        tree + ": probes use the management port");
            }
            Map<String, Integer> ports = new TreeMap<>();
            c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
            assertEquals(
                    Map.of("http", 8080, "management", MANAGEMENT_PORT),
                    ports,
                    tree + ": Quarkus listens on 8080 and 9000");
        }
    }

    @Test
    void imagesMatchTheDockerfiles() throws IOException {
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        for (String file : List.of("Dockerfile.jvm", "Dockerfile.native-micro", "Dockerfile.native")) {
            List<String> header = Files.readAllLines(
                            ROOT.resolve("src/main/docker").resolve(file))
                    .stream()
                    .takeWhile(l -> l.startsWith("#"))
                    .toList();
            String text = String.join("\n", header);
            assertTrue(
                    text.contains("docker build -f src/main/docker/" + file),
                    file + ": header gives the build command");
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
        assertEquals(
                tags.get("Dockerfile.native-micro"),
                tags.get("Dockerfile.native"),
                "both native files build the same image");
        for (String tree : TREES) {
            String image = appContainer(tree).getImage();
            assertTrue(
                    tags.get("Dockerfile.native-micro").contains(image),
                    tree + ": image " + image + " is not built by the Dockerfiles");
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
            assertEquals(
                    "RuntimeDefault",
                    pod.getSecurityContext().getSeccompProfile().getType(),
                    tree);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), tree);
            ServiceAccount account = named(tree, ServiceAccount.class, pod.getServiceAccountName());
            assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken(), tree);
            assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), tree);
            assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), tree);
            assertEquals(
                    List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), tree);
            assertTrue(
                    c.getSecurityContext().getCapabilities().getAdd() == null
                            || c.getSecurityContext().getCapabilities().getAdd().isEmpty(),
                    tree);
            String tmpVolume = c.getVolumeMounts().stream()
                    .filter(v -> v.getMountPath().equals("/tmp"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(tree + ": /tmp must be writable"))
                    .getName();
            assertTrue(
                    pod.getVolumes().stream().anyMatch(v -> v.getName().equals(tmpVolume) && v.getEmptyDir() != null),
                    tree);
            assertNotNull(c.getResources().getRequests().get("memory"), tree);
            assertNotNull(c.getResources().getLimits().get("memory"), tree);
            // Graceful shutdown: Quarkus' delay (readiness DOWN, still serving) plus its drain time fit
            // in the grace period, and readiness is probed often enough to be seen within the delay.
            Duration delay = Duration.parse(
                    "PT" + configMapValue(tree, "QUARKUS_SHUTDOWN_DELAY").toUpperCase(Locale.ROOT));
            Duration drain = Duration.parse(
                    "PT" + configMapValue(tree, "QUARKUS_SHUTDOWN_TIMEOUT").toUpperCase(Locale.ROOT));
            assertTrue(
                    delay.toSeconds() > 0
                            && delay.toSeconds() + drain.toSeconds() < pod.getTerminationGracePeriodSeconds(),
                    tree);
            assertTrue(c.getReadinessProbe().getPeriodSeconds() <= delay.toSeconds(), tree);
        }
    }

    @Test
    void replicasAutoscalingAndDisruptionBudget() {
        for (String tree : TREES) {
            Deployment d = appDeployment(tree);
            Map<String, String> podLabels =
                    d.getSpec().getTemplate().getMetadata().getLabels();
            if (!tree.endsWith("local")) {
                assertTrue(d.getSpec().getReplicas() >= 2, tree + ": at least 2 replicas");
            }
            HorizontalPodAutoscaler hpa = named(tree, HorizontalPodAutoscaler.class, APP);
            assertEquals(APP, hpa.getSpec().getScaleTargetRef().getName(), tree);
            assertTrue(
                    hpa.getSpec().getMinReplicas() >= 2
                            && hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(),
                    tree);
            assertTrue(hpa.getSpec().getMinReplicas() <= d.getSpec().getReplicas() || tree.endsWith("local"), tree);
            PodDisruptionBudget pdb = named(tree, PodDisruptionBudget.class, APP);
            assertTrue(
                    podLabels
                            .entrySet()
                            .containsAll(
                                    pdb.getSpec().getSelector().getMatchLabels().entrySet()),
                    tree);
            Service service = named(tree, Service.class, APP);
            assertTrue(
                    podLabels
                            .entrySet()
                            .containsAll(service.getSpec().getSelector().entrySet()),
                    tree);
            assertEquals(
                    "http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal(), tree);
        }
    }

    @Test
    void replicasDoNotMigrateAndTheMigrationJobDoesWithTheSameImageAndSettings() {
        for (String tree : TREES) {
            assertEquals(
                    "false",
                    configMapValue(tree, "GATEHOUSE_SCHEMA_MIGRATE_AT_START"),
                    tree + ": replicas do not migrate");
            Job job = named(tree, Job.class, MIGRATE);
            PodSpec pod = job.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertEquals(appContainer(tree).getImage(), c.getImage(), tree + ": the Job runs the replicas' image");
            assertEquals(appContainer(tree).getEnvFrom(), c.getEnvFrom(), tree + ": and their settings");
            Map<String, String> env = new TreeMap<>();
            c.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
            assertEquals(
                    Map.of("GATEHOUSE_SCHEMA_MIGRATE_AT_START", "true", "QUARKUS_INIT_AND_EXIT", "true"),
                    env,
                    tree + ": the Job migrates and exits");
            assertEquals("OnFailure", pod.getRestartPolicy(), tree);
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), tree);
            assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), tree);
            assertNotNull(c.getResources().getLimits().get("memory"), tree);
            Map<String, String> jobLabels =
                    job.getSpec().getTemplate().getMetadata().getLabels();
            Service service = named(tree, Service.class, APP);
            assertFalse(
                    jobLabels
                            .entrySet()
                            .containsAll(service.getSpec().getSelector().entrySet()),
                    tree + ": the Service must not send requests to the migration pod");
        }
    }

    private static String lastUser(String dockerfile) throws IOException {
        List<String> users = Files.readAllLines(ROOT.resolve("src/main/docker").resolve(dockerfile)).stream()
                .filter(l -> l.startsWith("USER "))
                .map(l -> l.substring(5).trim())
                .toList();
        assertFalse(users.isEmpty(), dockerfile + " sets no USER");
        return users.get(users.size() - 1);
    }

    private static void assertDoesLoad(String className) {
        try {
            Class.forName(className, false, Manifests.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            fail(className + " is not on the class path");
        }
    }
}
