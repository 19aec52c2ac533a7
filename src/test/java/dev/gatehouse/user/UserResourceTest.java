package dev.gatehouse.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Test
    void meAnswersTheCallersAccount() {
        TestUser user = TestUsers.register();
        given().auth()
                .oauth2(user.login().accessToken())
                .get("/api/users/me")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("id", equalTo(user.id()))
                .body("email", equalTo(user.email()))
                .body("name", equalTo("Test User"))
                .body("roles", equalTo(java.util.List.of("user")));
    }

    @Test
    void meWithoutTokenIsUnauthorizedWithChallenge() {
        given().get("/api/users/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void meWithGarbageTokenNamesInvalidToken() {
        given().auth()
                .oauth2("not.a.jwt")
                .get("/api/users/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void listingUsersNeedsAdmin() {
        Session user = TestUsers.register().login();
        given().auth()
                .oauth2(user.accessToken())
                .get("/api/users")
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void adminListsUsersInPages() {
        TestUsers.register();
        TestUsers.register();
        given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .queryParam("page", 0)
                .queryParam("size", 2)
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(3))
                .body("items[0].email", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void listingWithAbsurdPagingIsInvalidRequest() {
        String admin = TestUsers.admin().accessToken();
        for (Map<String, Object> query : java.util.List.<Map<String, Object>>of(
                Map.of("size", 201), Map.of("size", 0), Map.of("page", -1), Map.of("size", "lots"))) {
            given().auth()
                    .oauth2(admin)
                    .queryParams(query)
                    .get("/api/users")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_request"));
        }
        given().auth()
                .oauth2(admin)
                .queryParam("size", 200)
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("items.size()", lessThanOrEqualTo(200));
    }

    @Test
    void changePasswordEndsOtherSessionsButKeepsTheCallers() {
        TestUser user = TestUsers.register();
        Session other = user.login();
        Session caller = user.login();
        String newPassword = "amber-glacier-orchid-77";

        given().auth()
                .oauth2(caller.accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", newPassword))
                .post("/api/users/me/password")
                .then()
                .statusCode(204);

        me(other.accessToken()).then().statusCode(401);
        refresh(other.refreshToken()).then().statusCode(401).body("error", equalTo("invalid_grant"));
        me(caller.accessToken()).then().statusCode(200);
        refresh(caller.refreshToken()).then().statusCode(200);
        TestUsers.login(user.email(), newPassword);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", user.password()))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_credentials"));
    }

    @Test
    void changePasswordWithWrongCurrentIsInvalidCredentialsAndChangesNothing() {
        TestUser user = TestUsers.register();
        Session session = user.login();
        given().auth()
                .oauth2(session.accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "wrong-current-password", "newPassword", "amber-glacier-orchid-77"))
                .post("/api/users/me/password")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_credentials"));
        TestUsers.login(user.email(), user.password());
    }

    @Test
    void changePasswordToWeakOneIsInvalidRequestAndChangesNothing() {
        TestUser user = TestUsers.register();
        Session session = user.login();
        Session other = user.login();
        given().auth()
                .oauth2(session.accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "passwordpassword"))
                .post("/api/users/me/password")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        TestUsers.login(user.email(), user.password());
        me(other.accessToken()).then().statusCode(200);
    }

    private static io.restassured.response.Response me(String token) {
        return given().auth().oauth2(token).get("/api/users/me");
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", token))
                .post("/auth/refresh");
    }
}
