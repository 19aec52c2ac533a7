package dev.gatehouse.health;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import dev.gatehouse.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With PostgreSQL and Redis up and a signing key loaded, every probe is UP and lists its checks. */
@QuarkusTest
class HealthReadyTest {

    @Test
    void readinessIsUpWithTheDatabaseRedisAndSigningKeyChecks() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.status", everyItem(equalTo("UP")))
                // contributed by quarkus-reactive-pg-client, quarkus-redis-client and us
                .body(
                        "checks.name",
                        hasItems(
                                "Reactive PostgreSQL connections health check",
                                "Redis connection health check",
                                "Signing key"));
    }

    @Test
    void livenessAndStartupAreUp() {
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
