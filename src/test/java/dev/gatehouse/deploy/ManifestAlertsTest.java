package dev.gatehouse.deploy;

import static dev.gatehouse.deploy.Manifests.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every alert rule links its runbook. ({@link Manifests}) */
class ManifestAlertsTest {

    @BeforeAll
    static void render() throws Exception {
        Manifests.render();
    }

    @Test
    void alertRulesCarryARunbook() {
        for (String tree : List.of("k8s/base", "k8s/overlays/production")) {
            List<Rule> alerts = all(tree, PrometheusRule.class).stream()
                    .flatMap(r -> r.getSpec().getGroups().stream())
                    .flatMap(g -> g.getRules().stream())
                    .filter(r -> r.getAlert() != null)
                    .toList();
            assertTrue(alerts.stream().anyMatch(r -> r.getAlert().equals("GatehouseNotReady")), tree);
            for (Rule alert : alerts) {
                assertFalse(
                        isBlank(alert.getAnnotations().get("runbook_url")),
                        tree + ": " + alert.getAlert() + " needs runbook_url");
                assertFalse(isBlank(alert.getExpr().getStrVal()), tree + ": " + alert.getAlert());
            }
        }
    }
}
