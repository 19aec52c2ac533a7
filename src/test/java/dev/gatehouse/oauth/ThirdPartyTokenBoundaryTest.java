package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.Jwts;
import dev.gatehouse.support.TestAdmin;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token issued to an OAuth client reaches the resource it names and nothing else: never
 * Gatehouse's own account or admin API without a Gatehouse scope an admin allowed that client
 * (RFC 9068 §4, RFC 9700 §2.3, RFC 8707).
 */
@QuarkusTest
class ThirdPartyTokenBoundaryTest {

    /** Every account and admin endpoint of Gatehouse's own API, with a body where one is needed. */
    private static final List<Call> ACCOUNT_ENDPOINTS = List.of(
            new Call(Method.GET, "/api/users/me", null),
            new Call(
                    Method.POST,
                    "/api/users/me/password",
                    Map.of("currentPassword", TestUsers.PASSWORD, "newPassword", "another-long-passphrase-93")),
            new Call(Method.POST, "/auth/logout-all", null));

    private static final List<Call> ADMIN_ENDPOINTS = List.of(
            new Call(Method.GET, "/api/users", null),
            new Call(Method.GET, "/api/admin/clients", null),
            new Call(Method.GET, "/api/admin/clients/no-such-client", null),
            new Call(Method.DELETE, "/api/admin/clients/no-such-client", null),
            new Call(Method.POST, "/api/admin/clients", TestClients.metadata("x", "none", "authorization_code")),
            new Call(
                    Method.PUT,
                    "/api/admin/users/00000000-0000-0000-0000-000000000000/roles",
                    Map.of("roles", List.of("admin"))),
            new Call(Method.POST, "/api/admin/keys/rotate", null),
            new Call(Method.GET, "/api/admin/audit", null));

    record Call(Method method, String path, Object body) {
        io.restassured.response.Response with(String token) {
            var request = given().auth().oauth2(token);
            if (body != null) {
                request.contentType(ContentType.JSON).body(body);
            }
            return request.request(method, path);
        }
    }

    @Test
    void anAdminsTokenForAThirdPartyAppIsRefusedOnEveryAccountAndAdminEndpoint() {
        TestClient app = TestClients.confidential("profile", "password");
        String token = asAdmin(app, "profile");

        Map<String, Object> claims = Jwts.payload(token);
        assertFalse(
                Jwts.audiences(claims).contains(TestIssuer.issuer()), "aud must not name Gatehouse's API: " + claims);
        assertNull(claims.get("groups"), "a token without the roles scope carries no roles: " + claims);

        for (Call call : concat(ACCOUNT_ENDPOINTS, ADMIN_ENDPOINTS)) {
            call.with(token)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_token"))
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        }
    }

    @Test
    void aTokenWithTheAccountScopeReachesTheAccountButNoAdminEndpoint() {
        TestClient app = TestClients.confidential("profile gatehouse:account", "password");
        String token = asAdmin(app, "profile gatehouse:account");
        assertTrue(Jwts.audiences(Jwts.payload(token)).contains(TestIssuer.issuer()));

        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        for (Call call : ADMIN_ENDPOINTS) {
            call.with(token)
                    .then()
                    .statusCode(403)
                    .body("error", equalTo("insufficient_scope"))
                    .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        }
    }

    @Test
    void theAdminScopeReachesAdminEndpointsOnlyForAnAdmin() {
        TestClient console = TestClients.confidential("gatehouse:account gatehouse:admin", "password");
        String adminToken = asAdmin(console, null);
        given().auth().oauth2(adminToken).get("/api/users").then().statusCode(200);
        given().auth().oauth2(adminToken).get("/api/admin/clients").then().statusCode(200);

        TestUser plain = TestUsers.register();
        String userToken = passwordGrant(console, plain.email(), plain.password(), null);
        given().auth().oauth2(userToken).get("/api/users/me").then().statusCode(200);
        given().auth()
                .oauth2(userToken)
                .get("/api/users")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void aClientsOwnTokenNeverReachesTheAdminApiWhateverItsScope() {
        TestClient service = TestClients.confidential("gatehouse:admin", "client_credentials");
        String token = service.token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(token)
                .get("/api/admin/clients")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().auth()
                .oauth2(token)
                .get("/api/users/me")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void rolesReachAThirdPartyTokenOnlyThroughTheRolesScopeAndAdminNever() {
        TestClient app = TestClients.confidential("profile roles", "password");
        String token = asAdmin(app, "profile roles");
        assertEquals(List.of("user"), Jwts.payload(token).get("groups"));
    }

    @Test
    void firstPartyTokensCarryTheAccountScopeAndTheAdminScopeOnlyForAdmins() {
        String admin = TestUsers.admin().accessToken();
        assertEquals(
                "profile email gatehouse:account gatehouse:admin",
                Jwts.payload(admin).get("scope"));
        String user = TestUsers.register().login().accessToken();
        assertEquals("profile email gatehouse:account", Jwts.payload(user).get("scope"));
        given().auth()
                .oauth2(user)
                .get("/api/users")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"))
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
    }

    @Test
    void aTokenIsForTheRegisteredResourceItAskedForOrTheDefaultOne() {
        Map<String, Object> metadata =
                TestClients.metadata("reports.read", "client_secret_basic", "client_credentials");
        metadata.put("resources", List.of("https://reports.example.com", "https://billing.example.com"));
        TestClient client = TestClients.register(metadata);

        String byDefault = client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        assertEquals(List.of("https://reports.example.com"), Jwts.audiences(Jwts.payload(byDefault)));

        String asked = client.token(
                        Map.of("grant_type", "client_credentials", "resource", "https://billing.example.com"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        assertEquals(List.of("https://billing.example.com"), Jwts.audiences(Jwts.payload(asked)));

        // RFC 8707 §2: a resource the client may not ask for is invalid_target
        client.token(Map.of("grant_type", "client_credentials", "resource", "https://other.example.com"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_target"));
        client.token(Map.of("grant_type", "client_credentials", "resource", TestIssuer.issuer()))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_target"));
    }

    @Test
    void withoutRegisteredResourcesATokenIsForTheClientItself() {
        TestClient client = TestClients.confidential("reports.read", "client_credentials");
        String token = client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        assertEquals(List.of(client.id()), Jwts.audiences(Jwts.payload(token)));
    }

    @Test
    void aResourceMustBeAnAbsoluteUriWithoutFragmentWhenRegistered() {
        Map<String, Object> metadata = TestClients.metadata("read", "client_secret_basic", "client_credentials");
        metadata.put("resources", List.of("https://api.example.com/#frag"));
        given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .contentType(ContentType.JSON)
                .body(metadata)
                .post("/api/admin/clients")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_client_metadata"))
                .body("error_description", containsString("resources"));
    }

    @Test
    void theFirstPartyClientIdCannotBeRegistered() {
        for (String reserved : List.of("gatehouse", "Gatehouse")) {
            Map<String, Object> metadata =
                    TestClients.metadata("profile", "none", "authorization_code", "refresh_token");
            metadata.put("client_id", reserved);
            given().auth()
                    .oauth2(TestUsers.admin().accessToken())
                    .contentType(ContentType.JSON)
                    .body(metadata)
                    .post("/api/admin/clients")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_client_metadata"))
                    .body("error_description", containsString("reserved"));
        }
    }

    @Test
    void firstPartyRefreshTokensAreRefusedAtTheTokenEndpoint() {
        TestUsers.Session session = TestUsers.register().login();
        given().contentType(ContentType.URLENC)
                .formParams(Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        session.refreshToken(),
                        "client_id",
                        "gatehouse"))
                .post("/oauth2/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        // the refresh token was not spent by the refused attempt
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", session.refreshToken()))
                .post("/auth/refresh")
                .then()
                .statusCode(200);
    }

    private static String passwordGrant(TestClient client, String email, String password, String scope) {
        Map<String, String> form =
                new HashMap<>(Map.of("grant_type", "password", "username", email, "password", password));
        if (scope != null) {
            form.put("scope", scope);
        }
        return client.token(form).then().statusCode(200).extract().path("access_token");
    }

    private static String asAdmin(TestClient client, String scope) {
        return passwordGrant(client, TestAdmin.EMAIL, TestAdmin.password(), scope);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
