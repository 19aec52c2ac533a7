package dev.gatehouse.oauth;

import static dev.gatehouse.oauth.NimbusClient.authorizationCodeFlow;
import static dev.gatehouse.oauth.NimbusClient.authorize;
import static dev.gatehouse.oauth.NimbusClient.callback;
import static dev.gatehouse.oauth.NimbusClient.codeClient;
import static dev.gatehouse.oauth.NimbusClient.discover;
import static dev.gatehouse.oauth.NimbusClient.failure;
import static dev.gatehouse.oauth.NimbusClient.success;
import static dev.gatehouse.oauth.NimbusClient.verifyWithJwks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.gatehouse.oauth.NimbusClient.RegisteredClient;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the Nimbus OAuth 2.0 SDK: the authorization code flow with PKCE, built and
 * parsed by Nimbus (only the login form is plain HTTP), for confidential and public clients, and
 * refresh token rotation.
 */
@QuarkusTest
class NimbusAuthorizationCodeInteropTest {

    @Test
    void authorizationCodeWithPkceBuiltAndParsedByNimbusExchangesForVerifiableTokens() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = codeClient("client_secret_basic", "notes.read notes.write");
        TestUsers.TestUser user = TestUsers.register();

        Tokens tokens = authorizationCodeFlow(metadata, client, user, new Scope("notes.read"));

        assertNotNull(tokens.getRefreshToken(), "a client registered for refresh_token gets one");
        assertEquals(new Scope("notes.read"), tokens.getAccessToken().getScope());
        JWTClaimsSet claims = verifyWithJwks(metadata, tokens.getAccessToken().getValue());
        assertEquals(user.id(), claims.getSubject());
        assertEquals(client.id(), claims.getStringClaim("client_id"));
        assertEquals(user.email(), claims.getStringClaim("email"));
        assertEquals("notes.read", claims.getStringClaim("scope"));
    }

    @Test
    void publicClientExchangesItsCodeAndRefreshesWithOnlyItsClientId() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = codeClient("none", "notes.read");
        TestUsers.TestUser user = TestUsers.register();
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationSuccessResponse authorized = authorize(metadata, client, user, verifier, new State(), null);

        // token_endpoint_auth_method none: Nimbus sends client_id in the form and no secret
        ClientID clientId = new ClientID(client.id());
        Tokens tokens = success(new TokenRequest(
                        metadata.getTokenEndpointURI(),
                        clientId,
                        new AuthorizationCodeGrant(
                                authorized.getAuthorizationCode(), URI.create(callback()), verifier)))
                .getTokens();
        assertEquals(
                user.id(),
                verifyWithJwks(metadata, tokens.getAccessToken().getValue()).getSubject());

        Tokens refreshed = success(new TokenRequest(
                        metadata.getTokenEndpointURI(),
                        clientId,
                        new RefreshTokenGrant(tokens.getRefreshToken()),
                        null))
                .getTokens();
        assertNotEquals(tokens.getRefreshToken(), refreshed.getRefreshToken());
        assertEquals(
                client.id(),
                verifyWithJwks(metadata, refreshed.getAccessToken().getValue()).getStringClaim("client_id"));
    }

    @Test
    void refreshTokenGrantRotatesTheRefreshTokenAndRefusesTheSpentOne() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = codeClient("client_secret_basic", "notes.read notes.write");
        TestUsers.TestUser user = TestUsers.register();
        Tokens first = authorizationCodeFlow(metadata, client, user, null);

        AccessTokenResponse refreshed = success(new TokenRequest(
                metadata.getTokenEndpointURI(),
                client.basic(),
                new RefreshTokenGrant(first.getRefreshToken()),
                new Scope("notes.read")));

        Tokens second = refreshed.getTokens();
        assertNotNull(second.getRefreshToken());
        assertNotEquals(first.getRefreshToken(), second.getRefreshToken(), "the refresh token rotates");
        assertNotEquals(first.getAccessToken(), second.getAccessToken());
        JWTClaimsSet claims = verifyWithJwks(metadata, second.getAccessToken().getValue());
        assertEquals(user.id(), claims.getSubject());
        assertEquals("notes.read", claims.getStringClaim("scope"), "a refresh may narrow the scope");

        TokenErrorResponse reuse = failure(new TokenRequest(
                metadata.getTokenEndpointURI(), client.basic(), new RefreshTokenGrant(first.getRefreshToken()), null));
        assertEquals("invalid_grant", reuse.getErrorObject().getCode());
    }
}
