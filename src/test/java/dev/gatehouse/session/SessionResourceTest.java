package dev.gatehouse.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionResourceTest {

    @Test
    void registerAnswersTheAccountWithoutThePassword() {
        String email = TestUsers.uniqueEmail();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", TestUsers.PASSWORD, "name", "Ada"))
                .post("/auth/register")
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("email", equalTo(email))
                .body("name", equalTo("Ada"))
                .body("roles", equalTo(java.util.List.of("user")))
                .body("createdAt", org.hamcrest.Matchers.endsWith("Z"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void registerWithTakenEmailInAnotherSpellingIsConflict() {
        TestUser user = TestUsers.register();
        String variant = "  " + user.email().toUpperCase() + " ";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", variant, "password", TestUsers.PASSWORD))
                .post("/auth/register")
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"))
                .body("error_description", notNullValue());
    }

    @Test
    void registerWithFullWidthLookAlikeEmailIsConflict() {
        TestUser user = TestUsers.register();
        String fullWidth = user.email().replace("user", "\uFF55\uFF53\uFF45\uFF52");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", fullWidth, "password", TestUsers.PASSWORD))
                .post("/auth/register")
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"));
    }

    @Test
    void registerWithWeakPasswordIsInvalidRequestAndCreatesNothing() {
        String email = TestUsers.uniqueEmail();
        for (String weak : new String[] {"short-pass", "passwordpassword", "qwertyuiopasdfgh"}) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", weak))
                    .post("/auth/register")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_request"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", TestUsers.PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(401);
    }

    @Test
    void registerWithPasswordEqualToEmailIsRefused() {
        String email = "long-address-" + System.nanoTime() + "@example.com";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", email))
                .post("/auth/register")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void registerWithMissingFieldOrBadEmailIsInvalidRequest() {
        given().contentType(ContentType.JSON)
                .body(Map.of("password", TestUsers.PASSWORD))
                .post("/auth/register")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", TestUsers.PASSWORD))
                .post("/auth/register")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void loginAnswersBearerPairWithNoStore() {
        TestUser user = TestUsers.register();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", user.password()))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token", notNullValue())
                .body("refreshToken", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(300));
    }

    @Test
    void loginWithUnknownEmailAndWrongPasswordAnswerAlike() {
        TestUser user = TestUsers.register();
        String wrongPassword = given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", "not-the-password-at-all"))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_credentials"))
                .extract()
                .asString();
        String unknownEmail = given().contentType(ContentType.JSON)
                .body(Map.of("email", TestUsers.uniqueEmail(), "password", "not-the-password-at-all"))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_credentials"))
                .extract()
                .asString();
        assertEquals(wrongPassword, unknownEmail);
    }

    @Test
    void loginIgnoresEmailCaseAndSurroundingSpace() {
        TestUser user = TestUsers.register();
        TestUsers.login(" " + user.email().toUpperCase() + " ", user.password());
    }

    @Test
    void refreshRotatesAndSpendsThePresentedToken() {
        Session session = TestUsers.register().login();
        String next = refresh(session.refreshToken())
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .extract()
                .path("refreshToken");
        assertNotEquals(session.refreshToken(), next);
        refresh(next).then().statusCode(200);
    }

    @Test
    void refreshWithSpentTokenRevokesFamily() {
        Session session = TestUsers.register().login();
        String child =
                refresh(session.refreshToken()).then().statusCode(200).extract().path("refreshToken");

        refresh(session.refreshToken()).then().statusCode(401).body("error", equalTo("invalid_grant"));
        // the whole family is dead, including the child issued before the reuse
        refresh(child).then().statusCode(401).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshWithUnknownTokenIsInvalidGrant() {
        refresh("no-such-token-" + System.nanoTime())
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", notNullValue());
    }

    @Test
    void refreshWithoutTokenIsInvalidRequest() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/auth/refresh")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void logoutDenylistsAccessTokenOnTheNextRequest() {
        Session session = TestUsers.register().login();
        me(session.accessToken()).then().statusCode(200);

        given().auth().oauth2(session.accessToken()).post("/auth/logout").then().statusCode(204);

        me(session.accessToken())
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
        // the session's refresh family ended with it
        refresh(session.refreshToken()).then().statusCode(401).body("error", equalTo("invalid_grant"));
    }

    @Test
    void logoutWithRefreshTokenRevokesItsFamily() {
        Session session = TestUsers.register().login();
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", session.refreshToken()))
                .post("/auth/logout")
                .then()
                .statusCode(204);
        refresh(session.refreshToken()).then().statusCode(401).body("error", equalTo("invalid_grant"));
    }

    @Test
    void logoutIsIdempotent() {
        Session session = TestUsers.register().login();
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(session.accessToken())
                    .contentType(ContentType.JSON)
                    .body(Map.of("refreshToken", session.refreshToken()))
                    .post("/auth/logout")
                    .then()
                    .statusCode(204);
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", "unknown-" + System.nanoTime()))
                .post("/auth/logout")
                .then()
                .statusCode(204);
    }

    @Test
    void logoutWithNothingIsInvalidRequest() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/auth/logout")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().post("/auth/logout").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void logoutAllEndsEverySessionOfTheUser() {
        TestUser user = TestUsers.register();
        Session first = user.login();
        Session second = user.login();

        given().auth()
                .oauth2(first.accessToken())
                .post("/auth/logout-all")
                .then()
                .statusCode(204);

        me(first.accessToken()).then().statusCode(401);
        me(second.accessToken()).then().statusCode(401);
        refresh(first.refreshToken()).then().statusCode(401);
        refresh(second.refreshToken()).then().statusCode(401);
        // a login after the logout works at once
        me(user.login().accessToken()).then().statusCode(200);
    }

    @Test
    void logoutAllWithoutTokenIsUnauthorized() {
        given().post("/auth/logout-all")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void logoutAllLeavesOtherUsersAlone() {
        Session other = TestUsers.register().login();
        Session session = TestUsers.register().login();
        given().auth()
                .oauth2(session.accessToken())
                .post("/auth/logout-all")
                .then()
                .statusCode(204);
        me(other.accessToken()).then().statusCode(200);
        refresh(other.refreshToken()).then().statusCode(200);
    }

    static io.restassured.response.Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/auth/refresh");
    }

    static io.restassured.response.Response me(String accessToken) {
        return given().auth().oauth2(accessToken).get("/api/users/me");
    }

    @Test
    void loginRolesReachTheToken() {
        Session admin = TestUsers.admin();
        me(admin.accessToken()).then().statusCode(200).body("roles", hasItem("admin"));
    }
}
