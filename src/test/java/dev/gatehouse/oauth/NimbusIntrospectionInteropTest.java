package dev.gatehouse.oauth;

import static dev.gatehouse.oauth.NimbusClient.authorizationCodeFlow;
import static dev.gatehouse.oauth.NimbusClient.codeClient;
import static dev.gatehouse.oauth.NimbusClient.discover;
import static dev.gatehouse.oauth.NimbusClient.failure;
import static dev.gatehouse.oauth.NimbusClient.introspect;
import static dev.gatehouse.oauth.NimbusClient.issuer;
import static dev.gatehouse.oauth.NimbusClient.jobsClient;
import static dev.gatehouse.oauth.NimbusClient.revoke;
import static dev.gatehouse.oauth.NimbusClient.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.gatehouse.oauth.NimbusClient.RegisteredClient;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the Nimbus OAuth 2.0 SDK: introspection (RFC 7662) and revocation (RFC
 * 7009) requests made by Nimbus, for user and client tokens.
 */
@QuarkusTest
class NimbusIntrospectionInteropTest {

    @Test
    void introspectionSaysActiveUntilNimbusRevokesTheTokens() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = codeClient("client_secret_basic", "notes.read");
        TestUsers.TestUser user = TestUsers.register();
        Tokens tokens = authorizationCodeFlow(metadata, client, user, null);

        TokenIntrospectionSuccessResponse access = introspect(metadata, client, tokens.getAccessToken());
        assertTrue(access.isActive());
        assertEquals(user.id(), access.getSubject().getValue());
        assertEquals(new ClientID(client.id()), access.getClientID());
        assertEquals(new Scope("notes.read"), access.getScope());
        assertEquals(new Issuer(issuer()), access.getIssuer());
        assertEquals(user.email(), access.getUsername());
        assertNotNull(access.getExpirationTime());
        assertTrue(introspect(metadata, client, tokens.getRefreshToken()).isActive());

        revoke(metadata, client, tokens.getAccessToken());
        assertFalse(
                introspect(metadata, client, tokens.getAccessToken()).isActive(), "a revoked access token is inactive");
        assertTrue(
                introspect(metadata, client, tokens.getRefreshToken()).isActive(),
                "revoking the access token leaves the refresh token alone");

        revoke(metadata, client, tokens.getRefreshToken());
        assertFalse(
                introspect(metadata, client, tokens.getRefreshToken()).isActive(),
                "a revoked refresh token is inactive");
        TokenErrorResponse refresh = failure(new TokenRequest(
                metadata.getTokenEndpointURI(), client.basic(), new RefreshTokenGrant(tokens.getRefreshToken()), null));
        assertEquals("invalid_grant", refresh.getErrorObject().getCode());
    }

    @Test
    void introspectionOfAClientCredentialsTokenHasNoUsernameAndRevocationEndsIt() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = jobsClient();
        AccessToken token = success(new TokenRequest(
                        metadata.getTokenEndpointURI(), client.post(), new ClientCredentialsGrant(), null))
                .getTokens()
                .getAccessToken();

        TokenIntrospectionSuccessResponse active = introspect(metadata, client, token);
        assertTrue(active.isActive());
        assertEquals(client.id(), active.getSubject().getValue());
        assertNull(active.getUsername());

        revoke(metadata, client, token);
        assertFalse(introspect(metadata, client, token).isActive());
    }
}
