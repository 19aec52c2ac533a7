package dev.gatehouse.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditRows;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Control characters (U+0000–U+001F, U+007F) in emails, names and passwords are refused with 400
 * {@code invalid_request}, never stripped; where client input reaches the audit trail they are
 * escaped, so no value can make a batch of audit rows fail.
 */
@QuarkusTest
class ControlCharactersTest {

    @Inject
    AuditLog audit;

    @Test
    void anEmailWithATrailingNulDoesNotLogInAsTheAccountWithoutIt() {
        TestUser user = TestUsers.register();

        refused(json("/auth/login", Map.of("email", user.email() + "\u0000", "password", user.password())), "email");
    }

    @Test
    void registrationRefusesControlCharactersInEmailNameAndPassword() {
        String email = TestUsers.uniqueEmail();
        refused(json("/auth/register", Map.of("email", email + "\u0000", "password", TestUsers.PASSWORD)), "email");
        refused(
                json("/auth/register", Map.of("email", email, "password", TestUsers.PASSWORD, "name", "Ada\u001b[2J")),
                "name");
        refused(
                json("/auth/register", Map.of("email", email, "password", "violet-harbor\u007f-tundra-42")),
                "password");
        // nothing was stored on the way: the clean address is still free
        json("/auth/register", Map.of("email", email, "password", TestUsers.PASSWORD))
                .then()
                .statusCode(201);
    }

    @Test
    void aNewPasswordWithAControlCharacterIsRefused() {
        TestUser user = TestUsers.register();
        given().auth()
                .oauth2(user.login().accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "another-long-passphrase\n"))
                .post("/api/users/me/password")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", containsString("control characters"));
    }

    @Test
    void thePasswordGrantRefusesAControlCharacterInTheUsername() {
        TestClient client = TestClients.confidential("read", "password");
        TestUser user = TestUsers.register();
        client.token(Map.of("grant_type", "password", "username", user.email() + "\u0000", "password", user.password()))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", containsString("control characters"));
    }

    @Test
    void aControlCharacterInAClientIdCannotMakeTheAuditBatchFail() throws Exception {
        String marker = UUID.randomUUID().toString();
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "evil\u0000" + marker)
                .formParam("client_secret", "x")
                .post("/oauth2/token")
                .then()
                .statusCode(401);
        String userId = UUID.randomUUID().toString();
        audit.record(
                AuditEvent.system(AuditEventType.LOGIN_FAILED, Outcome.FAILURE, userId, "gatehouse", "wrong_password"));

        audit.flush().await().atMost(Duration.ofSeconds(10));

        assertEquals(1, AuditRows.ofUser(userId).size(), "the batch with the hostile client id was stored");
        assertEquals("evil\\u0000" + marker, AuditRows.clientIdContaining(marker), "stored escaped");
    }

    @Test
    void anOverlongRefreshTokenIsAnUnknownOne() {
        String longToken = "x".repeat(4096);
        json("/auth/refresh", Map.of("refreshToken", longToken))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_grant"));
        TestClient client = TestClients.confidential("read", "refresh_token");
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", longToken))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    private static Response json(String path, Map<String, String> body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    private static void refused(Response response, String field) {
        response.then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", containsString(field))
                .body("error_description", containsString("control characters"));
    }
}
