package dev.gatehouse.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestAdmin;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No password, token or secret reaches the audit trail: events are produced while a known
 * password and real tokens travel in the requests, then the whole audit table and the captured
 * log lines are scanned for them.
 */
@QuarkusTest
class AuditSecretsTest {

    @Inject
    AuditLog audit;

    @Test
    void neitherTheTableNorTheLogHoldsAPasswordOrAToken() {
        TestUsers.TestUser user = TestUsers.register();
        TestUsers.Session session = user.login();
        List<String> secrets = List.of(
                user.password(),
                TestAdmin.password(),
                session.refreshToken(),
                session.accessToken(),
                // the signature part alone must not appear either
                session.accessToken().substring(session.accessToken().lastIndexOf('.') + 1));

        List<String> lines;
        try (AuditLines capture = AuditLines.capture()) {
            // a request that carries the password and the tokens, audited deep in its chain
            given().header("Authorization", "Bearer " + session.refreshToken())
                    .header("User-Agent", "secrets-test")
                    .contentType(ContentType.JSON)
                    .body(Map.of("password", user.password(), "refreshToken", session.refreshToken()))
                    .queryParam("userId", user.id())
                    .post("/test-support/audit-probe")
                    .then()
                    .statusCode(204);
            audit.record(
                    AuditEvent.system(AuditEventType.TOKEN_REFRESHED, Outcome.SUCCESS, user.id(), "gatehouse", null));
            audit.record(AuditEvent.system(
                    AuditEventType.LOGIN_FAILED, Outcome.FAILURE, user.id(), "gatehouse", "wrong_password"));
            audit.flush().await().atMost(Duration.ofSeconds(10));
            lines = capture.lines();
        }
        // registered and login_succeeded from the set-up, and the three events of this test
        assertEquals(5, AuditRows.ofUser(user.id()).size());
        assertTrue(lines.stream().filter(l -> l.contains(user.id())).count() >= 3, "the events were logged");

        for (String secret : secrets) {
            assertEquals(0, AuditRows.containing(secret), "a secret is in the audit table");
            assertFalse(lines.stream().anyMatch(l -> l.contains(secret)), "a secret is in the audit log");
        }
    }
}
