package dev.gatehouse.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The README walkthrough against the packaged application (JVM jar here, the native executable
 * where one is built): register, login, call the API, refresh, logout, and be refused.
 */
@QuarkusIntegrationTest
class SessionFlowIT {

    private static final String PASSWORD = "violet-harbor-tundra-42";

    @Test
    void registerLoginRefreshLogoutWalkthrough() {
        String email = "it-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/auth/register")
                .then()
                .statusCode(201)
                .body("email", equalTo(email));

        var login = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String access = login.getString("token");

        given().auth()
                .oauth2(access)
                .get("/api/users/me")
                .then()
                .statusCode(200)
                .body("roles", hasItem("user"));

        var refreshed = given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", login.getString("refreshToken")))
                .post("/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String newAccess = refreshed.getString("token");

        given().auth().oauth2(newAccess).post("/auth/logout").then().statusCode(204);
        given().auth()
                .oauth2(newAccess)
                .get("/api/users/me")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshed.getString("refreshToken")))
                .post("/auth/refresh")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void jwksIsServed() {
        given().get("/oauth2/jwks").then().statusCode(200).body("keys[0].use", equalTo("sig"));
    }
}
