package dev.gatehouse.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each event type is produced by the flow that causes it, as a row and as a log line, and neither holds a secret. */
@QuarkusTest
class AuditFlowTest {

    @Inject
    AuditLog audit;

    @Test
    void sessionLifecycleIsAuditedWithoutSecrets() {
        try (AuditLines lines = AuditLines.capture()) {
            TestUser user = TestUsers.register();
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", user.email(), "password", "wrong-password-123"))
                    .post("/auth/login")
                    .then()
                    .statusCode(401);
            Session session = user.login();
            String next = given().contentType(ContentType.JSON)
                    .body(Map.of("refreshToken", session.refreshToken()))
                    .post("/auth/refresh")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("refreshToken");
            given().contentType(ContentType.JSON)
                    .body(Map.of("refreshToken", session.refreshToken()))
                    .post("/auth/refresh")
                    .then()
                    .statusCode(401);
            Session second = user.login();
            given().auth()
                    .oauth2(second.accessToken())
                    .contentType(ContentType.JSON)
                    .body(Map.of("currentPassword", user.password(), "newPassword", "amber-glacier-orchid-77"))
                    .post("/api/users/me/password")
                    .then()
                    .statusCode(204);
            given().auth()
                    .oauth2(second.accessToken())
                    .post("/auth/logout")
                    .then()
                    .statusCode(204);
            given().auth()
                    .oauth2(TestUsers.login(user.email(), "amber-glacier-orchid-77")
                            .accessToken())
                    .post("/auth/logout-all")
                    .then()
                    .statusCode(204);

            List<AuditRow> rows = flushedRowsOf(user.id());
            for (String type : List.of(
                    "registered",
                    "login_failed",
                    "login_succeeded",
                    "token_refreshed",
                    "refresh_reuse_detected",
                    "password_changed",
                    "logout",
                    "logout_all")) {
                AuditRow row = rows.stream()
                        .filter(r -> r.type.equals(type))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no " + type + " row for the user"));
                assertNotNull(row.requestId, type + " has the request id");
                assertNotNull(row.ip, type + " has the client IP");
                assertTrue(
                        lines.lines().stream().anyMatch(line -> line.contains("\"" + type + "\"")), type + " log line");
            }
            assertEquals(
                    "wrong_password",
                    rows.stream()
                            .filter(r -> r.type.equals("login_failed"))
                            .findFirst()
                            .orElseThrow()
                            .detail);
            for (String secret : List.of(
                    user.password(), "amber-glacier-orchid-77", session.refreshToken(), next, session.accessToken())) {
                assertEquals(0, AuditRows.containing(secret), "no audit row holds a password or a token");
                assertFalse(lines.lines().stream().anyMatch(line -> line.contains(secret)), "no audit line holds it");
            }
        }
    }

    @Test
    void unknownUserLoginIsAuditedWithItsReason() {
        try (AuditLines lines = AuditLines.capture()) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", TestUsers.uniqueEmail(), "password", "whatever-it-is-123"))
                    .post("/auth/login")
                    .then()
                    .statusCode(401);
            assertTrue(lines.lines().stream()
                    .anyMatch(line -> line.contains("\"login_failed\"") && line.contains("unknown_user")));
        }
    }

    @Test
    void oauthEventsAreAuditedForTheirClient() {
        try (AuditLines lines = AuditLines.capture()) {
            TestClient client = TestClients.confidential("read", "client_credentials");
            String token = client.token(Map.of("grant_type", "client_credentials"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            client.post("/oauth2/revoke", Map.of("token", token)).then().statusCode(200);
            new TestClient(client.id(), "wrong-secret")
                    .token(Map.of("grant_type", "client_credentials"))
                    .then()
                    .statusCode(401);

            TestClient app = TestClients.publicClient("read", "authorization_code");
            Pkce pkce = Pkce.create();
            String code = BrowserFlow.query(BrowserFlow.login(app.id(), pkce, "s", TestUsers.register()))
                    .get("code");
            BrowserFlow.exchange(app, code, pkce).then().statusCode(200);
            BrowserFlow.exchange(app, code, pkce).then().statusCode(400);

            for (String type :
                    List.of("client_created", "token_issued", "token_revoked", "client_auth_failed", "code_reused")) {
                assertTrue(
                        lines.lines().stream().anyMatch(line -> line.contains("\"" + type + "\"")),
                        "a " + type + " line");
            }
            assertTrue(lines.lines().stream()
                    .anyMatch(line -> line.contains("\"client_auth_failed\"") && line.contains(client.id())));
            assertFalse(
                    lines.lines().stream().anyMatch(line -> line.contains(token)), "no access token in the audit log");
        }
    }

    @Test
    void adminChangesAndKeyRotationAreAudited() {
        try (AuditLines lines = AuditLines.capture()) {
            String admin = TestUsers.admin().accessToken();
            TestUser user = TestUsers.register();
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("roles", List.of("user", "auditor")))
                    .put("/api/admin/users/" + user.id() + "/roles")
                    .then()
                    .statusCode(200);
            given().auth().oauth2(admin).post("/api/admin/keys/rotate").then().statusCode(200);
            for (String type : List.of("roles_changed", "key_rotated", "key_retired", "key_created")) {
                assertTrue(
                        lines.lines().stream().anyMatch(line -> line.contains("\"" + type + "\"")),
                        "a " + type + " line");
            }
        }
    }

    private List<AuditRow> flushedRowsOf(String userId) {
        audit.flush().await().atMost(Duration.ofSeconds(10));
        return AuditRows.ofUser(userId);
    }
}
