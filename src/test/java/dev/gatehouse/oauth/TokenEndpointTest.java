package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client authentication and the RFC 6749 §5.2 errors of the token endpoint; client_credentials as the grant. */
@QuarkusTest
class TokenEndpointTest {

    private static final Map<String, String> CLIENT_CREDENTIALS = Map.of("grant_type", "client_credentials");

    @Test
    void clientCredentialsWithBasicAuthIssuesAClientToken() {
        TestClient client = TestClients.confidential("read write", "client_credentials");
        String token = client.token(Map.of("grant_type", "client_credentials", "scope", "read"))
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("scope", equalTo("read"))
                .body("$", not(hasKey("refresh_token")))
                .extract()
                .path("access_token");
        var claims = new io.vertx.core.json.JsonObject(
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(client.id(), claims.getString("sub"));
        assertEquals(client.id(), claims.getString("client_id"));
        assertEquals("read", claims.getString("scope"));
    }

    @Test
    void clientCredentialsWithoutScopeGetsEveryRegisteredScope() {
        TestClient client = TestClients.confidential("read write", "client_credentials");
        client.token(CLIENT_CREDENTIALS).then().statusCode(200).body("scope", equalTo("read write"));
    }

    @Test
    void clientSecretPostWorksForAClientRegisteredWithIt() {
        var metadata = TestClients.metadata("read", "client_secret_post", "client_credentials");
        TestClient client = TestClients.register(metadata);
        given().contentType(ContentType.URLENC)
                .formParams(Map.of(
                        "grant_type", "client_credentials", "client_id", client.id(), "client_secret", client.secret()))
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .body("access_token", notNullValue());
        // the same client may not switch to another method (RFC 7591 token_endpoint_auth_method)
        client.token(CLIENT_CREDENTIALS).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void perClientAccessTokenLifetimeIsHonoured() {
        var metadata = TestClients.metadata("read", "client_secret_basic", "client_credentials");
        metadata.put("access_token_ttl", 120);
        TestClients.register(metadata)
                .token(CLIENT_CREDENTIALS)
                .then()
                .statusCode(200)
                .body("expires_in", equalTo(120));
    }

    @Test
    void wrongSecretIsInvalidClientWithChallenge() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        new TestClient(client.id(), client.secret() + "x")
                .token(CLIENT_CREDENTIALS)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void unknownClientAndMissingAuthenticationAreInvalidClient() {
        new TestClient("no-such-client", "secret")
                .token(CLIENT_CREDENTIALS)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC)
                .formParams(CLIENT_CREDENTIALS)
                .post("/oauth2/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void publicClientCannotPassAsConfidential() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_id", client.id()))
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void twoAuthenticationMethodsAtOnceAreInvalidRequest() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        given().contentType(ContentType.URLENC)
                .auth()
                .preemptive()
                .basic(client.id(), client.secret())
                .formParams(Map.of("grant_type", "client_credentials", "client_secret", client.secret()))
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void scopeBeyondTheRegisteredOnesIsInvalidScope() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        client.token(Map.of("grant_type", "client_credentials", "scope", "read admin"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void unknownGrantTypeIsUnsupportedGrantType() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        client.token(Map.of("grant_type", "urn:example:magic"))
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void grantTheClientIsNotRegisteredForIsUnauthorizedClient() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        client.token(Map.of("grant_type", "password", "username", "a@example.com", "password", "whatever"))
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        client.token(Map.of("scope", "read")).then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        given().contentType(ContentType.URLENC)
                .auth()
                .preemptive()
                .basic(client.id(), client.secret())
                .body("grant_type=client_credentials&scope=read&scope=read")
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void jsonBodyIsUnsupportedMediaType() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        given().contentType(ContentType.JSON)
                .auth()
                .preemptive()
                .basic(client.id(), client.secret())
                .body("{\"grant_type\":\"client_credentials\"}")
                .post("/oauth2/token")
                .then()
                .statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void clientTokenIsRefusedByUserEndpoints() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        String token = client.token(CLIENT_CREDENTIALS)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(token)
                .get("/api/users/me")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
    }
}
