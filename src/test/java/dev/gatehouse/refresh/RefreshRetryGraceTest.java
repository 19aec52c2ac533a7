package dev.gatehouse.refresh;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client whose refresh answer was lost retries the token it just spent: within the grace, and
 * while the successor was never used, it gets a new pair and the successor is spent; otherwise
 * reuse detection holds.
 */
@QuarkusTest
@TestProfile(RefreshRetryGraceTest.ShortGrace.class)
class RefreshRetryGraceTest {

    static final long GRACE_MILLIS = 3000;

    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.token.refresh-retry-grace", GRACE_MILLIS + "ms");
        }
    }

    @Test
    void aLostAnswerRetriedWithinTheGraceGetsANewPairAndOneChainStaysAlive() {
        Session session = TestUsers.register().login();
        String lost =
                refresh(session.refreshToken()).then().statusCode(200).extract().path("refreshToken");

        var retried =
                refresh(session.refreshToken()).then().statusCode(200).extract().jsonPath();
        String next = retried.getString("refreshToken");
        assertNotEquals(lost, next);
        given().auth()
                .oauth2(retried.getString("token"))
                .get("/api/users/me")
                .then()
                .statusCode(200);

        // the retried chain lives on
        String after = refresh(next).then().statusCode(200).extract().path("refreshToken");
        refresh(after).then().statusCode(200);
    }

    @Test
    void theUnusedSuccessorUsedAfterARetryIsReuseAndEndsTheFamily() {
        Session session = TestUsers.register().login();
        String successor =
                refresh(session.refreshToken()).then().statusCode(200).extract().path("refreshToken");
        var thief =
                refresh(session.refreshToken()).then().statusCode(200).extract().jsonPath(); // a thief retried first

        refresh(successor).then().statusCode(401).body("error", equalTo("invalid_grant")); // the user's next refresh
        refresh(thief.getString("refreshToken")).then().statusCode(401);
        given().auth()
                .oauth2(thief.getString("token"))
                .get("/api/users/me")
                .then()
                .statusCode(401);
    }

    @Test
    void aSpentTokenIsReuseOnceItsSuccessorWasUsed() {
        Session session = TestUsers.register().login();
        String successor =
                refresh(session.refreshToken()).then().statusCode(200).extract().path("refreshToken");
        String third = refresh(successor).then().statusCode(200).extract().path("refreshToken");

        refresh(session.refreshToken()).then().statusCode(401).body("error", equalTo("invalid_grant"));
        refresh(third).then().statusCode(401);
    }

    @Test
    void aSpentTokenIsReusePastTheGrace() throws InterruptedException {
        Session session = TestUsers.register().login();
        String successor =
                refresh(session.refreshToken()).then().statusCode(200).extract().path("refreshToken");
        Thread.sleep(GRACE_MILLIS + 500);

        refresh(session.refreshToken()).then().statusCode(401).body("error", equalTo("invalid_grant"));
        refresh(successor).then().statusCode(401);
    }

    @Test
    void theTokenEndpointHasTheSameGraceAndOnlyForTheSameClient() {
        TestClient app = TestClients.confidential("read", "password", "refresh_token");
        TestClient other = TestClients.confidential("read", "password", "refresh_token");
        TestUser user = TestUsers.register();
        String first = app.token(
                        Map.of("grant_type", "password", "username", user.email(), "password", user.password()))
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");
        app.token(Map.of("grant_type", "refresh_token", "refresh_token", first))
                .then()
                .statusCode(200);

        other.token(Map.of("grant_type", "refresh_token", "refresh_token", first))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        String retried = app.token(Map.of("grant_type", "refresh_token", "refresh_token", first))
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");
        app.token(Map.of("grant_type", "refresh_token", "refresh_token", retried))
                .then()
                .statusCode(200);
    }

    private static Response refresh(String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", token))
                .post("/auth/refresh");
    }
}
