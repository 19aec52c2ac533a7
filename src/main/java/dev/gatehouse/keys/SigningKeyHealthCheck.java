package dev.gatehouse.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: a replica without an active signing key cannot issue tokens, so it takes no traffic. */
@Readiness
@ApplicationScoped
public class SigningKeyHealthCheck implements HealthCheck {

    static final String NAME = "Signing key";

    private final KeyRing ring;

    public SigningKeyHealthCheck(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(ring.hasActiveKey()).build();
    }
}
