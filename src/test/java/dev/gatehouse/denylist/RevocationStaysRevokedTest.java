package dev.gatehouse.denylist;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Revocation marks accumulate and never weaken, and a revoked refresh family takes its access
 * tokens with it at once (RFC 7009 §2.1).
 */
@QuarkusTest
class RevocationStaysRevokedTest {

    @Test
    void aDemotedAdminCannotRevivePreDemotionTokensByChangingTheirPassword() {
        TestUser user = TestUsers.register();
        setRoles(TestUsers.admin().accessToken(), user.id(), List.of("admin", "user"))
                .then()
                .statusCode(200);
        Session asAdmin = user.login();

        setRoles(TestUsers.admin().accessToken(), user.id(), List.of("user"))
                .then()
                .statusCode(200);
        given().auth().oauth2(asAdmin.accessToken()).get("/api/users/me").then().statusCode(401);

        // the demoted user refreshes the same session and changes their own password, which spares that session
        String refreshed =
                refresh(asAdmin.refreshToken()).then().statusCode(200).extract().path("token");
        given().auth()
                .oauth2(refreshed)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "a-brand-new-passphrase-77"))
                .post("/api/users/me/password")
                .then()
                .statusCode(204);
        given().auth().oauth2(refreshed).get("/api/users/me").then().statusCode(200);

        // the token that still carries the admin role stays refused: no self-promotion
        setRoles(asAdmin.accessToken(), user.id(), List.of("admin", "user"))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth().oauth2(asAdmin.accessToken()).get("/api/users/me").then().statusCode(401);
    }

    @Test
    void logoutAllStaysInForceAfterALaterPasswordChange() {
        TestUser user = TestUsers.register();
        Session old = user.login();
        Session other = user.login();
        given().auth()
                .oauth2(other.accessToken())
                .post("/auth/logout-all")
                .then()
                .statusCode(204);
        Session fresh = user.login();
        given().auth()
                .oauth2(fresh.accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "a-brand-new-passphrase-78"))
                .post("/api/users/me/password")
                .then()
                .statusCode(204);
        given().auth().oauth2(old.accessToken()).get("/api/users/me").then().statusCode(401);
        given().auth().oauth2(other.accessToken()).get("/api/users/me").then().statusCode(401);
        given().auth().oauth2(fresh.accessToken()).get("/api/users/me").then().statusCode(200);
    }

    @Test
    void revokingARefreshTokenStopsItsFamilysAccessTokens() {
        TestClient app = TestClients.confidential("gatehouse:account", "password", "refresh_token");
        TestUser user = TestUsers.register();
        var tokens = app.token(Map.of("grant_type", "password", "username", user.email(), "password", user.password()))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String access = tokens.getString("access_token");
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(200);

        app.post("/oauth2/revoke", Map.of("token", tokens.getString("refresh_token")))
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(access)
                .get("/api/users/me")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        app.post("/oauth2/introspect", Map.of("token", access))
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
    }

    @Test
    void logoutWithOnlyTheRefreshTokenStopsTheSessionsAccessTokens() {
        Session session = TestUsers.register().login();
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", session.refreshToken()))
                .post("/auth/logout")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(session.accessToken())
                .get("/api/users/me")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void reuseDetectionStopsTheFamilysAccessTokens() {
        Session session = TestUsers.register().login();
        var next =
                refresh(session.refreshToken()).then().statusCode(200).extract().jsonPath();
        String access = next.getString("token");
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(200);

        refresh(session.refreshToken()).then().statusCode(401); // the spent token again: a thief
        given().auth()
                .oauth2(access)
                .get("/api/users/me")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth().oauth2(session.accessToken()).get("/api/users/me").then().statusCode(401);
    }

    @Test
    void anotherSessionOfTheSameUserLivesOn() {
        TestUser user = TestUsers.register();
        Session first = user.login();
        Session second = user.login();
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", first.refreshToken()))
                .post("/auth/logout")
                .then()
                .statusCode(204);
        given().auth().oauth2(second.accessToken()).get("/api/users/me").then().statusCode(200);
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/auth/refresh");
    }

    private static Response setRoles(String token, String userId, List<String> roles) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("roles", roles))
                .put("/api/admin/users/" + userId + "/roles");
    }
}
