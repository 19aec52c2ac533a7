package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.gatehouse.support.TestUsers;
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

/**
 * What the Nimbus interop tests share: a client of the Nimbus OAuth 2.0 SDK registered through the
 * admin API, the authorization code flow with the login form played over plain HTTP, token,
 * introspection and revocation requests, and RFC 9068 verification of access tokens against the
 * JWKS with Nimbus JOSE, as the resource server the clients are registered for would do it.
 */
final class NimbusClient {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    /** The resource server every client of these tests is registered for (RFC 8707): its tokens' audience. */
    static final String RESOURCE = "https://reports.example.com/api";

    private static final Pattern HIDDEN_INPUT =
            Pattern.compile("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\">");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private NimbusClient() {}

    // --- the flows ---

    /** Authorization code + PKCE from Nimbus's request to Nimbus's token response. */
    static Tokens authorizationCodeFlow(
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
    static AuthorizationSuccessResponse authorize(
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
                HTTP.send(HttpRequest.newBuilder(authorizeUri).GET().build(), HttpResponse.BodyHandlers.ofString());
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
        HttpResponse<String> login = HTTP.send(
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

    static TokenIntrospectionSuccessResponse introspect(
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

    static void revoke(AuthorizationServerMetadata metadata, RegisteredClient client, Token token) throws Exception {
        HTTPResponse answer = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), client.auth(), token)
                .toHTTPRequest()
                .send();
        assertEquals(200, answer.getStatusCode(), () -> "revocation: " + answer.getBody());
    }

    static AccessTokenResponse success(TokenRequest request) throws Exception {
        HTTPResponse answer = request.toHTTPRequest().send();
        TokenResponse response = TokenResponse.parse(answer);
        if (!response.indicatesSuccess()) {
            fail("token request refused: " + answer.getStatusCode() + " "
                    + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        assertEquals("no-store", answer.getHeaderValue("Cache-Control"));
        return response.toSuccessResponse();
    }

    static TokenErrorResponse failure(TokenRequest request) throws Exception {
        HTTPResponse answer = request.toHTTPRequest().send();
        TokenResponse response = TokenResponse.parse(answer);
        assertFalse(response.indicatesSuccess(), () -> "token request unexpectedly succeeded: " + answer.getBody());
        assertEquals("no-store", answer.getHeaderValue("Cache-Control"));
        return response.toErrorResponse();
    }

    // --- discovery and JWKS ---

    static AuthorizationServerMetadata discover() throws Exception {
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
    static JWTClaimsSet verifyWithJwks(AuthorizationServerMetadata metadata, String token) throws Exception {
        return verifyWithJwks(metadata, token, RESOURCE);
    }

    static JWTClaimsSet verifyWithJwks(AuthorizationServerMetadata metadata, String token, String audience)
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
    record RegisteredClient(String id, String secret, String method) {
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

    static RegisteredClient registerClient(
            String authMethod, List<String> grantTypes, List<String> redirectUris, String scope) {
        return registerClient(authMethod, grantTypes, redirectUris, scope, List.of(RESOURCE));
    }

    static RegisteredClient registerClient(
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

    /** A client of the authorization code flow (with refresh tokens) whose redirect URI is {@link #callback}. */
    static RegisteredClient codeClient(String authMethod, String scope) {
        return registerClient(authMethod, List.of("authorization_code", "refresh_token"), List.of(callback()), scope);
    }

    /** A confidential client of the client credentials grant, {@code client_secret_post}, scope {@code jobs.run}. */
    static RegisteredClient jobsClient() {
        return registerClient("client_secret_post", List.of("client_credentials"), List.of(), "jobs.run");
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    static String callback() {
        return baseUrl() + "/nimbus-callback";
    }

    static String issuer() {
        return ConfigProvider.getConfig().getValue("gatehouse.issuer", String.class);
    }

    static String audience() {
        return ConfigProvider.getConfig()
                .getOptionalValue("gatehouse.token.audience", String.class)
                .orElse(issuer());
    }

    static Map<String, String> hiddenInputs(String html) {
        Matcher matcher = HIDDEN_INPUT.matcher(html);
        Map<String, String> inputs = new HashMap<>();
        while (matcher.find()) {
            inputs.put(matcher.group(1), matcher.group(2));
        }
        assertTrue(inputs.containsKey("pending") && inputs.containsKey("csrf"), () -> "no login form in: " + html);
        return inputs;
    }

    /** {@code name=value} of a cookie the response sets, ready for a Cookie header. */
    static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(header -> header.split(";", 2)[0].trim())
                .filter(pair -> pair.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no " + name + " cookie in " + response.headers().allValues("Set-Cookie")));
    }

    static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
