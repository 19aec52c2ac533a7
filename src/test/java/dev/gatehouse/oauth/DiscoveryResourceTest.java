package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DiscoveryResourceTest {

    @Test
    void metadataNamesEveryEndpointAndCapability() {
        given().get("/.well-known/oauth-authorization-server")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("issuer", equalTo(TestIssuer.issuer()))
                .body("authorization_endpoint", equalTo(TestIssuer.url("/oauth2/authorize")))
                .body("token_endpoint", equalTo(TestIssuer.url("/oauth2/token")))
                .body("jwks_uri", equalTo(TestIssuer.url("/oauth2/jwks")))
                .body("revocation_endpoint", equalTo(TestIssuer.url("/oauth2/revoke")))
                .body("introspection_endpoint", equalTo(TestIssuer.url("/oauth2/introspect")))
                .body("response_types_supported", equalTo(List.of("code")))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body(
                        "grant_types_supported",
                        hasItems("authorization_code", "client_credentials", "refresh_token", "password"))
                .body(
                        "token_endpoint_auth_methods_supported",
                        hasItems("client_secret_basic", "client_secret_post", "none"))
                .body("authorization_response_iss_parameter_supported", equalTo(true))
                .body("scopes_supported", hasItems("profile", "email"));
    }

    @Test
    void openidConfigurationIsTheSameDocument() {
        assertEquals(
                given().get("/.well-known/oauth-authorization-server").asString(),
                given().get("/.well-known/openid-configuration")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }
}
