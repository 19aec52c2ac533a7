package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Interoperability: the flows of the authorization server driven by a real OAuth 2.0 client
 * library (the Nimbus OAuth 2.0 SDK), from discovery to introspection, with every access token
 * verified offline against the JWKS by Nimbus JOSE. Only the user's part of the authorization
 * code flow (the login form) is plain HTTP; everything a client library does is Nimbus.
 */
@QuarkusTest
class NimbusInteropTest {

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    /** The resource server every client of this test is registered for (RFC 8707): its tokens' audience. */
    private static final String RESOURCE = "https://reports.example.com/api";

    private static final Pattern HIDDEN_INPUT =
            Pattern.compile("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\">");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

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
        RegisteredClient client =
                registerClient("client_secret_post", List.of("client_credentials"), List.of(), "jobs.run");

        AccessTokenResponse response = success(
                new TokenRequest(metadata.getTokenEndpointURI(), client.post(), new ClientCredentialsGrant(), null));

        JWTClaimsSet claims =
                verifyWithJwks(metadata, response.getTokens().getAccessToken().getValue());
        assertEquals(client.id(), claims.getSubject());
        assertEquals("jobs.run", claims.getStringClaim("scope"), "no scope asked: every registered scope");
    }

    @Test
    void authorizationCodeWithPkceBuiltAndParsedByNimbusExchangesForVerifiableTokens() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = registerClient(
                "client_secret_basic",
                List.of("authorization_code", "refresh_token"),
                List.of(callback()),
                "notes.read notes.write");
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
        RegisteredClient client = registerClient(
                "none", List.of("authorization_code", "refresh_token"), List.of(callback()), "notes.read");
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
        RegisteredClient client = registerClient(
                "client_secret_basic",
                List.of("authorization_code", "refresh_token"),
                List.of(callback()),
                "notes.read notes.write");
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

    @Test
    void introspectionSaysActiveUntilNimbusRevokesTheTokens() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        RegisteredClient client = registerClient(
                "client_secret_basic",
                List.of("authorization_code", "refresh_token"),
                List.of(callback()),
                "notes.read");
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
        RegisteredClient client =
                registerClient("client_secret_post", List.of("client_credentials"), List.of(), "jobs.run");
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

    // --- the flows ---

    /** Authorization code + PKCE from Nimbus's request to Nimbus's token response. */
    private Tokens authorizationCodeFlow(
            AuthorizationServerMetadata metadata, RegisteredClient client, TestUsers.TestUser user, Scope scope)
            throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        AuthorizationSuccessResponse authorized = authorize(metadata, client, user, verifier, state, scope);
        AuthorizationGrant grant =
                new AuthorizationCodeGrant(authorized.getAuthorizationCode(), URI.create(callback()), verifier);
        return success(new TokenRequest(metadata.getTokenEndpointURI(), client.basic(), grant))
                .getTokens();
    }

    /**
     * The front channel: Nimbus builds the authorization request, a plain HTTP client plays the
     * browser on the login form, and Nimbus parses the redirect (state and RFC 9207 iss checked).
     */
    private AuthorizationSuccessResponse authorize(
            AuthorizationServerMetadata metadata,
            RegisteredClient client,
            TestUsers.TestUser user,
            CodeVerifier verifier,
            State state,
            Scope scope)
            throws Exception {
        URI authorizeUri = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(client.id()))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .redirectionURI(URI.create(callback()))
                .scope(scope)
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();

        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(authorizeUri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), () -> "the login form, got " + page.statusCode() + ": " + page.body());
        Map<String, String> hidden = hiddenInputs(page.body());
        String pendingCookie = cookie(page, "gh_authz");

        String form = formEncode(Map.of(
                "pending",
                hidden.get("pending"),
                "csrf",
                hidden.get("csrf"),
                "email",
                user.email(),
                "password",
                user.password()));
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/authorize/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", pendingCookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                303, login.statusCode(), () -> "the login redirects, got " + login.statusCode() + ": " + login.body());
        URI redirect = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertTrue(redirect.toString().startsWith(callback() + "?"), () -> "redirected to " + redirect);

        AuthorizationResponse response = AuthorizationResponse.parse(redirect);
        assertTrue(
                response.indicatesSuccess(),
                () -> "authorization error: " + response.toErrorResponse().getErrorObject());
        assertEquals(state, response.getState());
        // RFC 9207: the advertised iss parameter names the issuer we discovered
        assertEquals(metadata.getIssuer(), response.getIssuer());
        return assertInstanceOf(AuthorizationSuccessResponse.class, response);
    }

    private TokenIntrospectionSuccessResponse introspect(
            AuthorizationServerMetadata metadata, RegisteredClient client, Token token) throws Exception {
        HTTPResponse answer = new TokenIntrospectionRequest(
                        metadata.getIntrospectionEndpointURI(), client.auth(), token)
                .toHTTPRequest()
                .send();
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(answer);
        assertTrue(
                response.indicatesSuccess(),
                () -> "introspection failed: " + answer.getStatusCode() + " " + answer.getBody());
        return response.toSuccessResponse();
    }

    private void revoke(AuthorizationServerMetadata metadata, RegisteredClient client, Token token) throws Exception {
        HTTPResponse answer = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), client.auth(), token)
                .toHTTPRequest()
                .send();
        assertEquals(200, answer.getStatusCode(), () -> "revocation: " + answer.getBody());
    }

    private static AccessTokenResponse success(TokenRequest request) throws Exception {
        HTTPResponse answer = request.toHTTPRequest().send();
        TokenResponse response = TokenResponse.parse(answer);
        if (!response.indicatesSuccess()) {
            fail("token request refused: " + answer.getStatusCode() + " "
                    + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        assertEquals("no-store", answer.getHeaderValue("Cache-Control"));
        return response.toSuccessResponse();
    }

    private static TokenErrorResponse failure(TokenRequest request) throws Exception {
        HTTPResponse answer = request.toHTTPRequest().send();
        TokenResponse response = TokenResponse.parse(answer);
        assertFalse(response.indicatesSuccess(), () -> "token request unexpectedly succeeded: " + answer.getBody());
        assertEquals("no-store", answer.getHeaderValue("Cache-Control"));
        return response.toErrorResponse();
    }

    // --- discovery and JWKS ---

    private static AuthorizationServerMetadata discover() throws Exception {
        String issuer = issuer();
        assertEquals(
                URI.create(baseUrl()),
                URI.create(issuer),
                "gatehouse.issuer must be the test application's URL; with -Dquarkus.http.test-port=N also pass "
                        + "-Dgatehouse.issuer=http://localhost:N");
        return AuthorizationServerMetadata.resolve(new Issuer(issuer));
    }

    /**
     * Verifies signature, typ, issuer, audience and lifetime of an RFC 9068 access token with Nimbus
     * JOSE, as the resource server the clients are registered for would.
     */
    private static JWTClaimsSet verifyWithJwks(AuthorizationServerMetadata metadata, String token) throws Exception {
        return verifyWithJwks(metadata, token, RESOURCE);
    }

    private static JWTClaimsSet verifyWithJwks(AuthorizationServerMetadata metadata, String token, String audience)
            throws Exception {
        JWKSet jwks = JWKSet.load(metadata.getJWKSetURI().toURL());
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(AT_JWT, jwt.getHeader().getType());
        assertNotNull(jwks.getKeyByKeyId(jwt.getHeader().getKeyID()), "the signing key is in the JWKS");

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AT_JWT));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.Family.SIGNATURE, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder()
                        .issuer(metadata.getIssuer().getValue())
                        .build(),
                Set.of("sub", "exp", "iat", "jti", "client_id", "scope")));
        return processor.process(jwt, null);
    }

    // --- clients, config, HTTP helpers ---

    /** A client registered through the admin API; the secret is null for a public client. */
    private record RegisteredClient(String id, String secret, String method) {
        ClientSecretBasic basic() {
            return new ClientSecretBasic(new ClientID(id), new Secret(secret));
        }

        ClientSecretPost post() {
            return new ClientSecretPost(new ClientID(id), new Secret(secret));
        }

        ClientAuthentication auth() {
            return "client_secret_post".equals(method) ? post() : basic();
        }
    }

    private static RegisteredClient registerClient(
            String authMethod, List<String> grantTypes, List<String> redirectUris, String scope) {
        return registerClient(authMethod, grantTypes, redirectUris, scope, List.of(RESOURCE));
    }

    private static RegisteredClient registerClient(
            String authMethod,
            List<String> grantTypes,
            List<String> redirectUris,
            String scope,
            List<String> resources) {
        String adminToken = TestUsers.admin().accessToken();
        var body = given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "client_name",
                        "Nimbus interop " + authMethod,
                        "redirect_uris",
                        redirectUris,
                        "grant_types",
                        grantTypes,
                        "token_endpoint_auth_method",
                        authMethod,
                        "scope",
                        scope,
                        "resources",
                        resources))
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new RegisteredClient(body.getString("client_id"), body.getString("client_secret"), authMethod);
    }

    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static String callback() {
        return baseUrl() + "/nimbus-callback";
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("gatehouse.issuer", String.class);
    }

    private static String audience() {
        return ConfigProvider.getConfig()
                .getOptionalValue("gatehouse.token.audience", String.class)
                .orElse(issuer());
    }

    private static Map<String, String> hiddenInputs(String html) {
        Matcher matcher = HIDDEN_INPUT.matcher(html);
        Map<String, String> inputs = new HashMap<>();
        while (matcher.find()) {
            inputs.put(matcher.group(1), matcher.group(2));
        }
        assertTrue(inputs.containsKey("pending") && inputs.containsKey("csrf"), () -> "no login form in: " + html);
        return inputs;
    }

    /** {@code name=value} of a cookie the response sets, ready for a Cookie header. */
    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(header -> header.split(";", 2)[0].trim())
                .filter(pair -> pair.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no " + name + " cookie in " + response.headers().allValues("Set-Cookie")));
    }

    private static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
