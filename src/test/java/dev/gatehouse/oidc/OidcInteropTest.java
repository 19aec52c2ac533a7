package dev.gatehouse.oidc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect driven by the Nimbus OAuth 2.0 SDK with its OpenID Connect extensions: discovery
 * parsed as OpenID Provider metadata, ID tokens validated by Nimbus's own validator (signature,
 * issuer, audience, nonce, at_hash), userinfo and RP-initiated logout requests built by Nimbus.
 * Only the user's login form is plain HTTP.
 */
@QuarkusTest
class OidcInteropTest {

    @Test
    void discoveryParsesAsOpenIdProviderMetadataWithEveryRequiredField() throws Exception {
        OIDCProviderMetadata metadata = discover();

        String issuer = TestIssuer.issuer();
        assertEquals(new Issuer(issuer), metadata.getIssuer());
        assertEquals(URI.create(issuer + "/oauth2/userinfo"), metadata.getUserInfoEndpointURI());
        assertEquals(URI.create(issuer + "/oauth2/logout"), metadata.getEndSessionEndpointURI());
        assertEquals(List.of(SubjectType.PUBLIC), metadata.getSubjectTypes());
        assertEquals(List.of(JWSAlgorithm.RS256), metadata.getIDTokenJWSAlgs());
        assertEquals(List.of(ResponseType.CODE), metadata.getResponseTypes());
        assertTrue(metadata.getScopes().contains(OIDCScopeValue.OPENID));
        assertTrue(metadata.getClaims()
                .containsAll(List.of("sub", "iss", "auth_time", "nonce", "sid", "email", "email_verified", "name")));
        assertNotNull(metadata.getJWKSetURI());
        // nothing advertised that is not built
        assertNull(metadata.getCustomParameter("frontchannel_logout_supported"));
        assertNull(metadata.getCustomParameter("backchannel_logout_supported"));
        assertFalse(metadata.supportsRequestURIParam());
    }

    @Test
    void idTokenOfTheCodeFlowValidatesWithNimbusIncludingNonceAndAtHash() throws Exception {
        OIDCProviderMetadata metadata = discover();
        TestClients.TestClient client = OidcBrowser.client("authorization_code", "refresh_token");
        TestUsers.TestUser user = TestUsers.register();
        Nonce nonce = new Nonce();

        OIDCTokens tokens = codeFlow(metadata, client, user, nonce).tokens();

        IDTokenClaimsSet claims = validator(metadata, client).validate(tokens.getIDToken(), nonce);
        assertEquals(user.id(), claims.getSubject().getValue());
        assertEquals(nonce, claims.getNonce());
        assertEquals(client.id(), claims.getAuthorizedParty().getValue());
        AccessTokenValidator.validate(tokens.getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        assertNotNull(claims.getAuthenticationTime(), "auth_time");
        assertNotNull(claims.getSessionID(), "sid");
        assertEquals(
                List.of("pwd"), claims.getAMR().stream().map(Object::toString).toList());
        assertNotNull(claims.getACR());
        assertEquals(user.email(), claims.getStringClaim("email"));
        assertEquals(Boolean.FALSE, claims.getBooleanClaim("email_verified"));
        assertEquals("Test User", claims.getStringClaim("name"));
        assertEquals("JWT", tokens.getIDToken().getHeader().getType().toString());
    }

    @Test
    void nimbusRefusesAnIdTokenForAnotherNonce() throws Exception {
        OIDCProviderMetadata metadata = discover();
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        OIDCTokens tokens =
                codeFlow(metadata, client, TestUsers.register(), new Nonce()).tokens();

        assertThrows(
                BadJOSEException.class, () -> validator(metadata, client).validate(tokens.getIDToken(), new Nonce()));
    }

    @Test
    void userinfoCalledByNimbusAnswersTheClaimsOfTheScopes() throws Exception {
        OIDCProviderMetadata metadata = discover();
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        TestUsers.TestUser user = TestUsers.register();
        BearerAccessToken token =
                codeFlow(metadata, client, user, new Nonce()).tokens().getBearerAccessToken();

        for (HTTPRequest.Method method : List.of(HTTPRequest.Method.GET, HTTPRequest.Method.POST)) {
            HTTPResponse answer = new UserInfoRequest(metadata.getUserInfoEndpointURI(), method, token)
                    .toHTTPRequest()
                    .send();
            UserInfoResponse response = UserInfoResponse.parse(answer);
            assertTrue(
                    response.indicatesSuccess(),
                    () -> method + " userinfo: " + answer.getStatusCode() + " " + answer.getBody());
            UserInfo info = response.toSuccessResponse().getUserInfo();
            assertEquals(user.id(), info.getSubject().getValue());
            assertEquals(user.email(), info.getEmailAddress());
            assertEquals(Boolean.FALSE, info.getEmailVerified());
            assertEquals("Test User", info.getName());
        }
    }

    @Test
    void aRefreshedIdTokenKeepsSubjectAuthTimeAndSessionButNoNonce() throws Exception {
        OIDCProviderMetadata metadata = discover();
        TestClients.TestClient client = OidcBrowser.client("authorization_code", "refresh_token");
        Nonce nonce = new Nonce();
        OIDCTokens first =
                codeFlow(metadata, client, TestUsers.register(), nonce).tokens();
        IDTokenClaimsSet original = validator(metadata, client).validate(first.getIDToken(), nonce);

        OIDCTokens refreshed = tokenRequest(new TokenRequest(
                metadata.getTokenEndpointURI(), basic(client), new RefreshTokenGrant(first.getRefreshToken())));

        IDTokenClaimsSet again = validator(metadata, client).validate(refreshed.getIDToken(), null);
        assertEquals(original.getSubject(), again.getSubject());
        assertEquals(original.getAuthenticationTime(), again.getAuthenticationTime());
        assertEquals(original.getSessionID(), again.getSessionID());
        assertNull(again.getNonce(), "OIDC Core §12.2: no nonce on refresh");
    }

    @Test
    void logoutBuiltByNimbusEndsTheSessionAndReturnsToTheRegisteredUriWithState() throws Exception {
        OIDCProviderMetadata metadata = discover();
        TestClients.TestClient client = OidcBrowser.client("authorization_code", "refresh_token");
        TestUsers.TestUser user = TestUsers.register();
        SignedInTokens signedIn = codeFlow(metadata, client, user, new Nonce());
        State state = new State();

        URI logout = new LogoutRequest(
                        metadata.getEndSessionEndpointURI(),
                        signedIn.tokens().getIDToken(),
                        URI.create(OidcBrowser.LOGOUT_REDIRECT),
                        state)
                .toURI();
        Response answer = given().redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .cookie("gh_session", signedIn.sessionCookie())
                .get(logout);

        assertEquals(302, answer.statusCode(), answer::asString);
        assertEquals(OidcBrowser.LOGOUT_REDIRECT + "?state=" + state.getValue(), answer.getHeader("Location"));
        assertEquals("", answer.getCookie("gh_session"), "the browser forgets its session");
        // the browser session, the session's refresh family and its access token all end
        BrowserFlow.authorize(
                        OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), signedIn.sessionCookie())
                .then()
                .statusCode(200);
        client.token(Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        signedIn.tokens().getRefreshToken().getValue()))
                .then()
                .statusCode(400);
        OidcBrowser.userinfo(signedIn.tokens().getAccessToken().getValue())
                .then()
                .statusCode(401);
    }

    // --- the flow ---

    private record SignedInTokens(OIDCTokens tokens, String sessionCookie) {}

    /** Nimbus builds the authentication request, the test plays the browser, Nimbus exchanges the code. */
    private static SignedInTokens codeFlow(
            OIDCProviderMetadata metadata, TestClients.TestClient client, TestUsers.TestUser user, Nonce nonce)
            throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(
                        ResponseType.CODE,
                        new Scope(OIDCScopeValue.OPENID, OIDCScopeValue.PROFILE, OIDCScopeValue.EMAIL),
                        new ClientID(client.id()),
                        URI.create(TestClients.REDIRECT_URI))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(new State())
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        Map<String, String> params = new HashMap<>();
        request.toParameters().forEach((name, values) -> params.put(name, values.get(0)));
        OidcBrowser.SignedIn signedIn = OidcBrowser.signIn(params, user);

        OIDCTokens tokens = tokenRequest(new TokenRequest(
                metadata.getTokenEndpointURI(),
                basic(client),
                new AuthorizationCodeGrant(
                        new AuthorizationCode(signedIn.code()), URI.create(TestClients.REDIRECT_URI), verifier)));
        return new SignedInTokens(tokens, signedIn.sessionCookie());
    }

    private static OIDCTokens tokenRequest(TokenRequest request) throws Exception {
        HTTPResponse answer = request.toHTTPRequest().send();
        TokenResponse response = OIDCTokenResponseParser.parse(answer);
        assertTrue(response.indicatesSuccess(), () -> "token request refused: " + answer.getBody());
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    private static IDTokenValidator validator(OIDCProviderMetadata metadata, TestClients.TestClient client)
            throws Exception {
        return new IDTokenValidator(
                metadata.getIssuer(),
                new ClientID(client.id()),
                JWSAlgorithm.RS256,
                metadata.getJWKSetURI().toURL());
    }

    private static ClientSecretBasic basic(TestClients.TestClient client) {
        return new ClientSecretBasic(new ClientID(client.id()), new Secret(client.secret()));
    }

    private static OIDCProviderMetadata discover() throws Exception {
        String json = given().get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return OIDCProviderMetadata.parse(json);
    }
}
