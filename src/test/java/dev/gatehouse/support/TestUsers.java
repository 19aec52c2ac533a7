package dev.gatehouse.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Registers and logs in throw-away users through the public API. */
public final class TestUsers {

    /** A password that passes the policy. */
    public static final String PASSWORD = "violet-harbor-tundra-42";

    private TestUsers() {}

    /** A user that exists; its email is unique to this call. */
    public record TestUser(String id, String email, String password) {
        public Session login() {
            return TestUsers.login(email, password);
        }
    }

    /** The token pair of one login. */
    public record Session(String accessToken, String refreshToken) {
        /** Rotates the refresh token ({@code /auth/refresh}, which must answer 200); answers the new access token. */
        public String refreshedAccessToken() {
            return given().contentType(ContentType.JSON)
                    .body(Map.of("refreshToken", refreshToken))
                    .post("/auth/refresh")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("token");
        }
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static TestUser register() {
        String email = uniqueEmail();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Test User"))
                .post("/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new TestUser(id, email, PASSWORD);
    }

    public static Session login(String email, String password) {
        var body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new Session(body.getString("token"), body.getString("refreshToken"));
    }

    public static Session admin() {
        return login(TestAdmin.EMAIL, TestAdmin.password());
    }
}
