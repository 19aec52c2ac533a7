package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.HeadlessChromium;
import dev.gatehouse.support.TestUsers;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The authorization code + PKCE flow as the browser tests run it: a public client, its URLs, the exchange. */
final class BrowserLogins {

    static final String CLIENT_NAME = "Browser login test client";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserLogins() {}

    static String registerPublicClient() {
        return registerPublicClient(Map.of("scope", "notes.read"));
    }

    /** A public client of the code flow whose redirect URI is {@link #callback()}, with more metadata. */
    static String registerPublicClient(Map<String, Object> metadata) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of(
                "client_name",
                CLIENT_NAME,
                "redirect_uris",
                List.of(callback()),
                "grant_types",
                List.of("authorization_code", "refresh_token"),
                "token_endpoint_auth_method",
                "none"));
        body.putAll(metadata);
        return given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("client_id");
    }

    static String authorizeUrl(String clientId, String state, Pkce pkce) {
        return authorizeUrl(clientId, state, pkce, Map.of("scope", "notes.read"));
    }

    /** The authorize URL of a code + PKCE request, with more parameters (scope, nonce, prompt...). */
    static String authorizeUrl(String clientId, String state, Pkce pkce, Map<String, String> more) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", callback());
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        query.putAll(more);
        return url("/oauth2/authorize", query);
    }

    /** An absolute URL of this application with an encoded query. */
    static String url(String path, Map<String, String> query) {
        return baseUrl() + path + "?"
                + query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    /** Fills in and submits the login form the browser shows. */
    static void signIn(WebDriver driver, TestUsers.TestUser user) {
        driver.findElement(By.id("email")).sendKeys(user.email());
        driver.findElement(By.id("password")).sendKeys(user.password());
        driver.findElement(By.id("sign-in")).click();
    }

    /** Waits until the browser is on the redirect URI (it may answer 404: only its URL matters); answers its query. */
    static Map<String, String> waitForCallback(HeadlessChromium browser) {
        return waitFor(browser, callback());
    }

    /** Waits until the browser is on {@code target} with a query; answers the query. */
    static Map<String, String> waitFor(HeadlessChromium browser, String target) {
        new WebDriverWait(browser.driver(), WAIT)
                .withMessage(() -> "the browser did not reach " + target + "; " + browser.describe())
                .until(d -> d.getCurrentUrl().startsWith(target + "?"));
        return query(URI.create(browser.driver().getCurrentUrl()));
    }

    static JsonPath exchange(String clientId, String code, String verifier) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", callback())
                .formParam("client_id", clientId)
                .formParam("code_verifier", verifier)
                .post("/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The {@code sub} of a JWT access token (its signature is the Nimbus interop tests' subject). */
    static String subjectOf(String jwt) {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a JWS in compact form");
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .getString("sub");
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String callback() {
        return baseUrl() + "/test-callback";
    }

    /** Where a client of these tests asks to land after an RP-initiated logout. */
    static String signedOut() {
        return baseUrl() + "/test-signed-out";
    }

    /** Always "localhost", never 127.0.0.1: Chromium keeps Secure cookies on http://localhost only. */
    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                params.put(
                        URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }
}
