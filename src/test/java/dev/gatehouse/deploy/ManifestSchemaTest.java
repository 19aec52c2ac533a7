package dev.gatehouse.deploy;

import static dev.gatehouse.deploy.Manifests.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every tree renders, and only objects that match their typed Kubernetes model strictly. ({@link
 * Manifests})
 */
class ManifestSchemaTest {

    @BeforeAll
    static void render() throws Exception {
        Manifests.render();
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
            assertTrue(
                    objects.stream().noneMatch(o -> o instanceof Secret),
                    tree + " must not contain a Secret: `kubectl apply -k` would overwrite the real one");
            for (Deployment deployment : all(tree, Deployment.class)) {
                for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    assertFalse(
                            isBlank(c.getName()) || isBlank(c.getImage()),
                            tree + ": container needs a name and an image");
                }
            }
        });
    }
}
