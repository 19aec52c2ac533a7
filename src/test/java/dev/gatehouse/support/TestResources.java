package dev.gatehouse.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers {@link TestAdmin} for every {@code @QuarkusTest} of the module (a test resource not
 * restricted to its class applies to all of them), so all share one application start.
 */
@QuarkusTestResource(TestAdmin.class)
public final class TestResources {

    private TestResources() {}
}
