package dev.gatehouse.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The readiness check of the signing key: DOWN until the ring holds an active key. */
class HealthSigningKeyTest {

    @Test
    void downWithoutAnActiveKeyAndUpWithOne() {
        HealthCheckResponse empty = new SigningKeyHealthCheck(new KeyRing()).call();
        assertEquals(HealthCheckResponse.Status.DOWN, empty.getStatus());
        assertEquals("Signing key", empty.getName());
        assertEquals(
                HealthCheckResponse.Status.UP,
                new SigningKeyHealthCheck(KeyRings.withFreshKey(SigningAlgorithm.RS256))
                        .call()
                        .getStatus());
    }
}
