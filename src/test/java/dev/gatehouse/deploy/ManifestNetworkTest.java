package dev.gatehouse.deploy;

import static dev.gatehouse.deploy.Manifests.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may reach the pods: the management port stays inside, the network policy admits the ingress
 * controller and Prometheus only, the ingress serves TLS. ({@link Manifests})
 */
class ManifestNetworkTest {

    @BeforeAll
    static void render() throws Exception {
        Manifests.render();
    }

    @Test
    void theManagementPortIsNeverExposedToUsers() {
        for (String tree : TREES) {
            for (Service service : all(tree, Service.class)) {
                service.getSpec().getPorts().forEach(p -> {
                    assertFalse(
                            "management".equals(p.getTargetPort().getStrVal())
                                    || Integer.valueOf(MANAGEMENT_PORT)
                                            .equals(p.getTargetPort().getIntVal()),
                            tree + ": Service " + service.getMetadata().getName());
                });
            }
            named(tree, Ingress.class, APP)
                    .getSpec()
                    .getRules()
                    .forEach(rule -> rule.getHttp()
                            .getPaths()
                            .forEach(p -> assertEquals(
                                    "http",
                                    p.getBackend().getService().getPort().getName(),
                                    tree + ": the Ingress reaches only the application port")));
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
    void networkPolicyAdmitsOnlyTheIngressControllerAndPrometheusAndDependenciesOut() {
        Set<String> allowedOut = Set.of("TCP/5432", "TCP/6379", "TCP/26379", "UDP/53", "TCP/53");
        for (String tree : TREES) {
            NetworkPolicy policy = named(tree, NetworkPolicy.class, APP);
            Map<String, String> podLabels =
                    appDeployment(tree).getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(
                    podLabels
                            .entrySet()
                            .containsAll(policy.getSpec()
                                    .getPodSelector()
                                    .getMatchLabels()
                                    .entrySet()),
                    tree);
            assertEquals(
                    Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()), tree);
            Map<String, Set<String>> fromByPort = new TreeMap<>();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertNotNull(rule.getPorts(), tree + ": every ingress rule names its ports");
                assertFalse(
                        rule.getFrom() == null || rule.getFrom().isEmpty(),
                        tree + ": every ingress rule names who may connect");
                Set<String> namespaces = new TreeSet<>();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertTrue(
                            peer.getIpBlock() == null, tree + ": no address blocks (they would admit any pod in them)");
                    assertNotNull(peer.getNamespaceSelector(), tree + ": peers are namespaces");
                    namespaces.add(peer.getNamespaceSelector().getMatchLabels().get(NAMESPACE_LABEL));
                }
                rule.getPorts()
                        .forEach(p -> fromByPort
                                .computeIfAbsent(port(p), k -> new TreeSet<>())
                                .addAll(namespaces));
            }
            assertEquals(
                    Map.of(
                            "TCP/8080",
                            Set.of(INGRESS_NAMESPACE),
                            "TCP/" + MANAGEMENT_PORT,
                            Set.of(PROMETHEUS_NAMESPACE)),
                    fromByPort,
                    tree + ": the ingress controller reaches the application, Prometheus the management port");
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

    /** The migration Job serves nothing and needs PostgreSQL and DNS only: no ingress, no Redis, nothing else out. */
    @Test
    void theMigrationJobsPodsAreReachedByNothingAndReachOnlyPostgresAndDns() {
        for (String tree : TREES) {
            NetworkPolicy policy = named(tree, NetworkPolicy.class, MIGRATE);
            Map<String, String> podLabels = named(tree, Job.class, MIGRATE)
                    .getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels();
            Map<String, String> selected = policy.getSpec().getPodSelector().getMatchLabels();
            assertTrue(podLabels.entrySet().containsAll(selected.entrySet()), tree + ": it selects the Job's pods");
            assertFalse(
                    appDeployment(tree)
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getLabels()
                            .entrySet()
                            .containsAll(selected.entrySet()),
                    tree + ": and not the replicas");
            assertEquals(
                    Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()), tree);
            assertTrue(
                    policy.getSpec().getIngress() == null
                            || policy.getSpec().getIngress().isEmpty(),
                    tree + ": no ingress rule");
            Set<String> out = new TreeSet<>();
            policy.getSpec().getEgress().forEach(rule -> {
                assertNotNull(rule.getPorts(), tree + ": every egress rule names its ports");
                rule.getPorts().forEach(p -> out.add(port(p)));
            });
            assertEquals(new TreeSet<>(Set.of("TCP/5432", "UDP/53", "TCP/53")), out, tree + ": egress");
        }
    }

    @Test
    void ingressServesTls() {
        for (String tree : TREES) {
            Ingress ingress = named(tree, Ingress.class, APP);
            assertFalse(
                    ingress.getSpec().getTls() == null
                            || ingress.getSpec().getTls().isEmpty(),
                    tree);
            Set<String> tlsHosts = new TreeSet<>();
            ingress.getSpec().getTls().forEach(t -> tlsHosts.addAll(t.getHosts()));
            if (!tree.endsWith("local")) {
                URI issuer = URI.create(configMapValue(tree, "GATEHOUSE_ISSUER"));
                assertEquals("https", issuer.getScheme(), tree + ": the issuer is served over TLS");
                assertTrue(
                        tlsHosts.contains(issuer.getHost()),
                        tree + ": the Ingress serves the issuer's host " + issuer.getHost());
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
}
