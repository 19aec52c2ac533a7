package dev.gatehouse.oauth;

import static dev.gatehouse.oauth.NimbusClient.RESOURCE;
import static dev.gatehouse.oauth.NimbusClient.audience;
import static dev.gatehouse.oauth.NimbusClient.discover;
import static dev.gatehouse.oauth.NimbusClient.failure;
import static dev.gatehouse.oauth.NimbusClient.issuer;
import static dev.gatehouse.oauth.NimbusClient.jobsClient;
import static dev.gatehouse.oauth.NimbusClient.registerClient;
import static dev.gatehouse.oauth.NimbusClient.success;
import static dev.gatehouse.oauth.NimbusClient.verifyWithJwks;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import dev.gatehouse.oauth.NimbusClient.RegisteredClient;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the Nimbus OAuth 2.0 SDK: discovery as Nimbus resolves it, and the
 * client credentials grant with both secret methods and RFC 8707 resources, every token verified
 * offline against the JWKS by Nimbus JOSE.
 */
@QuarkusTest
class NimbusClientCredentialsInteropTest {

    @Test
    void discoveryResolvedByNimbusMatchesTheIssuerAndAdvertisesEveryEndpoint() throws Exception {
        AuthorizationServerMetadata metadata = discover();

        String issuer = issuer();
        assertEquals(new Issuer(issuer), metadata.getIssuer());
        assertEquals(URI.create(issuer + "/oauth2/authorize"), metadata.getAuthorizationEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/token"), metadata.getTokenEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/jwks"), metadata.getJWKSetURI());
        assertEquals(URI.create(issuer + "/oauth2/revoke"), metadata.getRevocationEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/introspect"), metadata.getIntrospectionEndpointURI());
        assertEquals(List.of(ResponseType.CODE), metadata.getResponseTypes());
        assertEquals(List.of(CodeChallengeMethod.S256), metadata.getCodeChallengeMethods());
        assertTrue(metadata.getGrantTypes()
                .containsAll(
                        List.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN)));
        assertTrue(metadata.getTokenEndpointAuthMethods()
                .containsAll(List.of(
                        ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                        ClientAuthenticationMethod.CLIENT_SECRET_POST,
                        ClientAuthenticationMethod.NONE)));
        assertTrue(metadata.supportsAuthorizationResponseIssuerParam());

        // the same document at the OpenID Connect path, parsed by Nimbus
        String oidcPath = given().get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(
                metadata.getIssuer(),
                AuthorizationServerMetadata.parse(oidcPath).getIssuer());
    }

    @Test
    void clientCredentialsWithClientSecretBasicGivesAnAtJwtThatVerifiesAgainstTheJwks() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = registerClient(
                "client_secret_basic", List.of("client_credentials"), List.of(), "reports.read reports.write");

        AccessTokenResponse response = success(new TokenRequest(
                metadata.getTokenEndpointURI(),
                client.basic(),
                new ClientCredentialsGrant(),
                new Scope("reports.read")));

        AccessToken accessToken = response.getTokens().getAccessToken();
        assertEquals(AccessTokenType.BEARER, accessToken.getType());
        assertNull(response.getTokens().getRefreshToken(), "client_credentials must not issue a refresh token");
        assertEquals(new Scope("reports.read"), accessToken.getScope());
        assertTrue(accessToken.getLifetime() > 0);

        JWTClaimsSet claims = verifyWithJwks(metadata, accessToken.getValue());
        assertEquals(client.id(), claims.getSubject());
        assertEquals(client.id(), claims.getStringClaim("client_id"));
        assertEquals("reports.read", claims.getStringClaim("scope"));
        assertNull(claims.getClaim("email"), "a client's own token names no user");
        // the same token, checked by a resource server that expects Gatehouse's own API: refused
        assertThrows(
                com.nimbusds.jwt.proc.BadJWTException.class,
                () -> verifyWithJwks(metadata, accessToken.getValue(), audience()));
    }

    @Test
    void aResourceAskedForWithNimbusBecomesTheTokensOnlyAudience() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        String billing = "https://billing.example.com/api";
        RegisteredClient client = registerClient(
                "client_secret_basic",
                List.of("client_credentials"),
                List.of(),
                "reports.read",
                List.of(RESOURCE, billing));

        AccessTokenResponse response = success(
                new TokenRequest.Builder(metadata.getTokenEndpointURI(), client.basic(), new ClientCredentialsGrant())
                        .resources(URI.create(billing))
                        .build());
        String token = response.getTokens().getAccessToken().getValue();

        assertEquals(List.of(billing), verifyWithJwks(metadata, token, billing).getAudience());
        assertThrows(com.nimbusds.jwt.proc.BadJWTException.class, () -> verifyWithJwks(metadata, token, RESOURCE));

        // RFC 8707 §2: a resource the client was not registered for
        TokenErrorResponse refused = failure(
                new TokenRequest.Builder(metadata.getTokenEndpointURI(), client.basic(), new ClientCredentialsGrant())
                        .resources(URI.create("https://elsewhere.example.com"))
                        .build());
        assertEquals("invalid_target", refused.getErrorObject().getCode());
    }

    @Test
    void clientCredentialsWithClientSecretPostIsAcceptedAndVerifies() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = jobsClient();

        AccessTokenResponse response = success(
                new TokenRequest(metadata.getTokenEndpointURI(), client.post(), new ClientCredentialsGrant(), null));

        JWTClaimsSet claims =
                verifyWithJwks(metadata, response.getTokens().getAccessToken().getValue());
        assertEquals(client.id(), claims.getSubject());
        assertEquals("jobs.run", claims.getStringClaim("scope"), "no scope asked: every registered scope");
    }
}
