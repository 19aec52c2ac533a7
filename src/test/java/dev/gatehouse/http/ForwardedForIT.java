package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged application behind two proxy hops: the client address it records (here in the
 * audit trail) is the rightmost {@code X-Forwarded-For} entry that is not a trusted proxy, never
 * the forged leftmost one.
 */
@QuarkusIntegrationTest
@TestProfile(ForwardedForTest.TwoProxyHops.class)
class ForwardedForIT {

    @Test
    void theAuditTrailRecordsTheRightmostUntrustedAddress() {
        String email = "xff-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", "192.0.2.1, 203.0.113.9, 198.51.100.5")
                .body(Map.of("email", email, "password", "wrong-password-xxxx"))
                .post("/auth/login")
                .then()
                .statusCode(401);

        String admin = TestUsers.admin().accessToken();
        long deadline = System.nanoTime() + 10_000_000_000L; // audit rows are written in batches
        List<String> ips = List.of();
        while (!ips.contains("203.0.113.9") && System.nanoTime() < deadline) {
            ips = given().auth()
                    .oauth2(admin)
                    .queryParam("type", "login_failed")
                    .queryParam("limit", 50)
                    .get("/api/admin/audit")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items.ip", String.class);
        }
        assertTrue(ips.contains("203.0.113.9"), "recorded addresses: " + ips);
        assertFalse(ips.contains("192.0.2.1"), "the forged leftmost entry is never the client");
    }
}
