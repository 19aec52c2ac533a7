package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.RedisCommands;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RevocationAndIntrospectionTest {

    @Inject
    RedisDataSource redis;

    @Test
    void introspectionOfAnAccessTokenCostsOneRedisCommand() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        String token = client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .extract()
                .path("access_token");
        introspect(client, token).then().statusCode(200).body("active", equalTo(true)); // connections opened

        RedisCommands commands = RedisCommands.count(redis);
        for (int i = 0; i < 4; i++) {
            introspect(client, token).then().statusCode(200).body("active", equalTo(true));
        }
        // the request limit, the client's failed authentications and the denylist marks in one
        // script; the old way (limit filter, client check, denylist MGET) ran three commands
        assertEquals(0, commands.since("mget"), "separate denylist lookups");
        assertEquals(
                12,
                commands.since("get"),
                "denylist marks read (the token's, gh:epoch and gh:history: a client token has no user mark)");
        assertEquals(4, commands.since("info"), "the server's replication id, read in the same script");
        assertEquals(4, commands.scripts(), "scripts run");
    }

    @Test
    void introspectionDescribesAnActiveUserToken() {
        TestClient client = TestClients.confidential("read", "password", "refresh_token");
        TestUser user = TestUsers.register();
        JsonPath tokens = passwordGrant(client, user);
        introspect(client, tokens.getString("access_token"))
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("sub", equalTo(user.id()))
                .body("client_id", equalTo(client.id()))
                .body("scope", equalTo("read"))
                .body("token_type", equalTo("Bearer"))
                .body("username", equalTo(user.email()))
                .body("iss", equalTo(TestIssuer.issuer()))
                .body("aud", equalTo(client.id())) // registered with no resources: the token is for the client
                .body("exp", notNullValue())
                .body("iat", notNullValue());
    }

    @Test
    void introspectionOfAClientTokenHasNoUsername() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        String token = client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .extract()
                .path("access_token");
        introspect(client, token)
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("sub", equalTo(client.id()))
                .body("username", equalTo(null));
    }

    @Test
    void garbageForeignAndLoggedOutTokensAreInactive() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        introspect(client, "not-a-token")
                .then()
                .statusCode(200)
                .body("$", aMapWithSize(1))
                .body("active", equalTo(false));

        var session = TestUsers.register().login();
        given().auth().oauth2(session.accessToken()).post("/auth/logout").then().statusCode(204);
        introspect(client, session.accessToken()).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void refreshTokenIsDescribedOnlyToItsOwnClient() {
        TestClient owner = TestClients.confidential("read", "password", "refresh_token");
        TestClient other = TestClients.confidential("read", "client_credentials");
        String refresh = passwordGrant(owner, TestUsers.register()).getString("refresh_token");
        introspect(owner, refresh)
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("token_type", equalTo("refresh_token"));
        introspect(other, refresh).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void introspectionNeedsAConfidentialClient() {
        TestClient publicClient = TestClients.publicClient("read", "authorization_code");
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("token", "x", "client_id", publicClient.id()))
                .post("/oauth2/introspect")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("token", "x"))
                .post("/oauth2/introspect")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void revokingARefreshTokenEndsItsFamily() {
        TestClient client = TestClients.confidential("read", "password", "refresh_token");
        JsonPath tokens = passwordGrant(client, TestUsers.register());
        client.post(
                        "/oauth2/revoke",
                        Map.of("token", tokens.getString("refresh_token"), "token_type_hint", "refresh_token"))
                .then()
                .statusCode(200);
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.getString("refresh_token")))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void revokingAnAccessTokenDenylistsIt() {
        TestClient client = TestClients.confidential("read", "password");
        String access = passwordGrant(client, TestUsers.register()).getString("access_token");
        client.post("/oauth2/revoke", Map.of("token", access)).then().statusCode(200);
        given().auth().oauth2(access).get("/api/users/me").then().statusCode(401);
        introspect(client, access).then().body("active", equalTo(false));
    }

    @Test
    void revokingUnknownOrAnotherClientsTokenAnswers200AndRevokesNothing() {
        TestClient owner = TestClients.confidential("read", "password", "refresh_token");
        TestClient other = TestClients.confidential("read", "client_credentials");
        JsonPath tokens = passwordGrant(owner, TestUsers.register());

        other.post("/oauth2/revoke", Map.of("token", "unknown-token")).then().statusCode(200);
        other.post("/oauth2/revoke", Map.of("token", tokens.getString("refresh_token")))
                .then()
                .statusCode(200);
        other.post("/oauth2/revoke", Map.of("token", tokens.getString("access_token")))
                .then()
                .statusCode(200);

        introspect(owner, tokens.getString("access_token")).then().body("active", equalTo(true));
        owner.token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.getString("refresh_token")))
                .then()
                .statusCode(200);
    }

    @Test
    void revocationNeedsClientAuthenticationAndAToken() {
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("token", "x"))
                .post("/oauth2/revoke")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        TestClient client = TestClients.confidential("read", "client_credentials");
        client.post("/oauth2/revoke", Map.of("token_type_hint", "access_token"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    private static JsonPath passwordGrant(TestClient client, TestUser user) {
        return client.token(Map.of("grant_type", "password", "username", user.email(), "password", user.password()))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static io.restassured.response.Response introspect(TestClient client, String token) {
        return client.post("/oauth2/introspect", Map.of("token", token));
    }
}
