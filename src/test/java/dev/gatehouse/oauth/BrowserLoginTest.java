package dev.gatehouse.oauth;

import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The login page of {@code /oauth2/authorize} in a real browser: Debian's Chromium, headless,
 * driven by Selenium through Debian's chromedriver, runs an authorization code + PKCE flow from
 * the authorize URL to the code exchange, then comes back for a second code on its session.
 * A missing browser fails the test: {@code .ci/install-browser} installs it.
 */
@QuarkusTest
class BrowserLoginTest {

    private static final String CHROMIUM = System.getProperty("gatehouse.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("gatehouse.test.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void userSignsInOnTheLoginPageAndTheCodeFromTheRedirectExchangesForTokens() throws Exception {
        String clientId = registerPublicClient();
        TestUsers.TestUser user = TestUsers.register();
        Pkce pkce = Pkce.create();
        String state = randomToken();

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(authorizeUrl(clientId, state, pkce));

            assertEquals("Sign in · Gatehouse", driver.getTitle(), () -> "the login page, got " + describe(driver));
            assertTrue(driver.findElement(By.tagName("main")).getText().contains("Browser login test client"),
                    "the page names the client");
            driver.findElement(By.id("email")).sendKeys(user.email());
            driver.findElement(By.id("password")).sendKeys(user.password());
            driver.findElement(By.id("sign-in")).click();

            Map<String, String> redirect = waitForCallback(driver);
            assertEquals(state, redirect.get("state"));
            assertEquals(issuer(), redirect.get("iss"));
            assertNotNull(redirect.get("code"));
            assertTrue(browser.cspViolations().isEmpty(), () -> "CSP violations in the browser: " + browser.cspViolations());

            JsonPath tokens = exchange(clientId, redirect.get("code"), pkce.verifier());
            assertEquals("Bearer", tokens.getString("token_type"));
            assertNotNull(tokens.getString("refresh_token"));
            assertEquals(user.id(), subjectOf(tokens.getString("access_token")), "the token is the signed-in user's");
        }
    }

    @Test
    void secondAuthorizationInTheSameBrowserReturnsANewCodeWithoutTheLoginForm() throws Exception {
        String clientId = registerPublicClient();
        TestUsers.TestUser user = TestUsers.register();

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            Pkce firstPkce = Pkce.create();
            driver.get(authorizeUrl(clientId, randomToken(), firstPkce));
            driver.findElement(By.id("email")).sendKeys(user.email());
            driver.findElement(By.id("password")).sendKeys(user.password());
            driver.findElement(By.id("sign-in")).click();
            String firstCode = waitForCallback(driver).get("code");
            exchange(clientId, firstCode, firstPkce.verifier());

            // the gh_session cookie carries the login: the server redirects at once, no form is shown
            Pkce secondPkce = Pkce.create();
            String secondState = randomToken();
            driver.get(authorizeUrl(clientId, secondState, secondPkce));
            Map<String, String> redirect = waitForCallback(driver);

            assertEquals(secondState, redirect.get("state"));
            assertEquals(issuer(), redirect.get("iss"));
            assertNotEquals(firstCode, redirect.get("code"));
            assertTrue(driver.findElements(By.id("sign-in")).isEmpty());
            JsonPath tokens = exchange(clientId, redirect.get("code"), secondPkce.verifier());
            assertEquals(user.id(), subjectOf(tokens.getString("access_token")));
        }
    }

    @Test
    void loginPageForbidsFramingCachingAndFormPostsToOtherOrigins() throws Exception {
        String clientId = registerPublicClient();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create(authorizeUrl(clientId, randomToken(), Pkce.create()))).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        // the login ends in a redirect to the client, which browsers check against form-action
        assertTrue(csp.contains("form-action 'self' " + origin(callback())), () -> "CSP: " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), () -> "CSP: " + csp);
        assertTrue(csp.contains("default-src 'none'"), () -> "CSP: " + csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        String pendingCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("gh_authz=")).findFirst().orElse("");
        assertTrue(pendingCookie.contains("HttpOnly") && pendingCookie.contains("Secure")
                && pendingCookie.contains("SameSite=Strict"), () -> "gh_authz cookie: " + pendingCookie);
    }

    // --- the flow ---

    private static String authorizeUrl(String clientId, String state, Pkce pkce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", callback());
        query.put("scope", "notes.read");
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        return baseUrl() + "/oauth2/authorize?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Waits until the browser is on the redirect URI (it may answer 404: only its URL matters); answers its query. */
    private static Map<String, String> waitForCallback(WebDriver driver) {
        String callback = callback();
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "the browser did not reach " + callback + "; " + describe(driver))
                .until(d -> d.getCurrentUrl().startsWith(callback + "?"));
        return query(URI.create(driver.getCurrentUrl()));
    }

    private static JsonPath exchange(String clientId, String code, String verifier) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", callback())
                .formParam("client_id", clientId)
                .formParam("code_verifier", verifier)
                .post("/oauth2/token")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** The {@code sub} of a JWT access token (its signature is NimbusInteropTest's subject). */
    private static String subjectOf(String jwt) {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a JWS in compact form");
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).getString("sub");
    }

    private static String registerPublicClient() {
        String adminToken = TestUsers.admin().accessToken();
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("client_name", "Browser login test client",
                        "redirect_uris", List.of(callback()),
                        "grant_types", List.of("authorization_code", "refresh_token"),
                        "token_endpoint_auth_method", "none",
                        "scope", "notes.read"))
                .post("/api/admin/clients")
                .then().statusCode(201)
                .extract().path("client_id");
    }

    // --- the browser ---

    /** Headless Chromium with a fresh profile, closed with its profile directory. */
    private record Browser(WebDriver driver, Path profile) implements AutoCloseable {

        static Browser start() throws IOException {
            requireExecutable(CHROMIUM, "Chromium");
            requireExecutable(CHROMEDRIVER, "chromedriver");
            Path profile = Files.createTempDirectory("gatehouse-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .withSilent(true)
                    .withTimeout(Duration.ofSeconds(30))
                    .build();
            try {
                return new Browser(new ChromeDriver(service, options), profile);
            } catch (RuntimeException e) {
                deleteTree(profile);
                throw e;
            }
        }

        /** Content-Security-Policy violations the page reported to the console. */
        List<String> cspViolations() {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(message -> message.contains("Content Security Policy"))
                    .toList();
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                deleteTree(profile);
            }
        }

        private static void requireExecutable(String path, String name) {
            if (!Files.isExecutable(Path.of(path))) {
                fail(name + " is not installed at " + path + ": the browser tests need Debian's chromium and "
                        + "chromium-driver packages; run .ci/install-browser (apt-get install chromium chromium-driver)");
            }
        }

        private static void deleteTree(Path root) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }

    private static String describe(WebDriver driver) {
        String text;
        try {
            text = driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            text = "(no body)";
        }
        return "at " + driver.getCurrentUrl() + " titled \"" + driver.getTitle() + "\": "
                + text.substring(0, Math.min(text.length(), 500));
    }

    // --- PKCE, URLs, config ---

    /** RFC 7636: a verifier of 32 random bytes and its S256 challenge. */
    private record Pkce(String verifier, String challenge) {
        static Pkce create() throws NoSuchAlgorithmException {
            String verifier = randomToken();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    /** Always "localhost", never 127.0.0.1: Chromium keeps Secure cookies on http://localhost only. */
    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static String callback() {
        return baseUrl() + "/test-callback";
    }

    private static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("gatehouse.issuer", String.class);
    }
}
