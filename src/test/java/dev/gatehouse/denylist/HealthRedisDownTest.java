package dev.gatehouse.denylist;

import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.gatehouse.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * With Redis unreachable the replica is not ready (503 DOWN) but stays live, so Kubernetes stops
 * sending it traffic without restarting it; {@code health.HealthReadyTest} shows it UP with Redis back.
 * Shares {@link RedisDownTest}'s profile, so the suite starts the application once for both.
 */
@QuarkusTest
@TestProfile(RedisDownTest.DeadRedis.class)
class HealthRedisDownTest {

    @Test
    void readinessIsDownWhileRedisIsUnreachable() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem(containsStringIgnoringCase("Redis")));
    }

    @Test
    void livenessStaysUp() {
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
