package dev.gatehouse.health;

import static io.restassured.RestAssured.given;

import dev.gatehouse.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /q/*} path is served on the management interface only: the application port, the
 * one an Ingress and the user-facing Service reach, answers 404 for them.
 */
@QuarkusTest
class ManagementPortTest {

    static final List<String> PATHS = List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi");

    @Test
    void managementPathsAreNotServedOnTheApplicationPort() {
        for (String path : PATHS) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void managementPathsAreServedOnTheManagementPort() {
        for (String path : PATHS) {
            Management.given().get(path).then().statusCode(200);
        }
    }
}
