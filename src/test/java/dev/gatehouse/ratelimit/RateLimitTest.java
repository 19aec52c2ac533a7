package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.audit.AuditLines;
import dev.gatehouse.audit.PrometheusScrape;
import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.Burst;
import dev.gatehouse.support.FromAnotherAddress;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract's abuse limits with small values. 127.0.0.1 is a trusted proxy here, so each test
 * speaks for clients of its own through {@code X-Forwarded-For}.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@ExtendWith(FromAnotherAddress.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new java.util.HashMap<>(FromAnotherAddress.trustLoopbackProxy());
            settings.putAll(Map.ofEntries(
                    Map.entry("gatehouse.rate-limit.api.max", "5"),
                    Map.entry("gatehouse.rate-limit.login.max", "3"),
                    Map.entry("gatehouse.rate-limit.login.account-max", "4"),
                    Map.entry("gatehouse.rate-limit.client-auth.max", "2"),
                    Map.entry("gatehouse.rate-limit.oauth.max", "3"),
                    Map.entry("gatehouse.rate-limit.register.max", "3"),
                    Map.entry("gatehouse.rate-limit.authorize.max", "3")));
            return settings;
        }
    }

    @TestHTTPResource("/auth/login")
    URI loginUri;

    @TestHTTPResource("/oauth2/token")
    URI tokenUri;

    @Test
    void apiLimitCountsEveryRequestOfAnIpAndSaysSoInHeaders() {
        String ip = randomIp();
        for (int i = 0; i < 5; i++) {
            me(ip).then()
                    .statusCode(401)
                    .header("RateLimit-Limit", "5")
                    .header("RateLimit-Remaining", Integer.toString(4 - i))
                    .header("RateLimit-Reset", notNullValue());
        }
        me(ip).then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .header("RateLimit-Remaining", "0")
                .body("error", equalTo("rate_limited"));
        me(randomIp()).then().statusCode(401).header("RateLimit-Remaining", "4");
    }

    @Test
    void apiLimitCountsRequestsWithAValidTokenInTheSameScriptAsTheDenylist() {
        String token = TestUsers.register().login().accessToken();
        String ip = randomIp();
        for (int i = 0; i < 4; i++) {
            given().header("X-Forwarded-For", ip)
                    .auth()
                    .oauth2(token)
                    .get("/api/users/me")
                    .then()
                    .statusCode(200)
                    .header("RateLimit-Remaining", Integer.toString(4 - i));
        }
        me(ip).then().statusCode(401).header("RateLimit-Remaining", "0"); // a refused token counts too
        given().header("X-Forwarded-For", ip)
                .auth()
                .oauth2(token)
                .get("/api/users/me")
                .then()
                .statusCode(429)
                .body("error", equalTo("rate_limited"));
    }

    @Test
    void failedLoginsFromOneIpAreLimitedWhateverThePassword() {
        TestUser user = TestUsers.register();
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            login(ip, user.email(), "wrong-password-" + i)
                    .then()
                    .statusCode(401)
                    .header("RateLimit-Limit", notNullValue());
        }
        login(ip, user.email(), user.password())
                .then()
                .statusCode(429)
                .body("error", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
        login(randomIp(), user.email(), user.password()).then().statusCode(200);
    }

    @Test
    void inventedLeftmostForwardedForEntriesDoNotBuyFreshLimits() {
        // each attempt writes another address in front of the one the trusted proxy appended
        TestUser user = TestUsers.register();
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            login(randomIp() + ", " + ip, user.email(), "wrong-password-" + i)
                    .then()
                    .statusCode(401);
        }
        login(randomIp() + ", " + ip, user.email(), user.password()).then().statusCode(429);
    }

    @Test
    void registrationFloodFromOneAddressIsLimited() {
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            register(ip, TestUsers.uniqueEmail()).then().statusCode(201).header("RateLimit-Limit", "3");
        }
        register(ip, TestUsers.uniqueEmail())
                .then()
                .statusCode(429)
                .body("error", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
        register(randomIp(), TestUsers.uniqueEmail()).then().statusCode(201);
    }

    @Test
    void successfulLoginsDoNotCount() {
        TestUser user = TestUsers.register();
        String ip = randomIp();
        for (int i = 0; i < 6; i++) {
            login(ip, user.email(), user.password()).then().statusCode(200).header("RateLimit-Remaining", "3");
        }
    }

    @Test
    void accountFailuresFromManyIpsBlockTheAccountOnly() {
        TestUser victim = TestUsers.register();
        TestUser bystander = TestUsers.register();
        for (int i = 0; i < 4; i++) {
            login(randomIp(), victim.email(), "wrong-password-" + i).then().statusCode(401);
        }
        try (AuditLines lines = AuditLines.capture()) {
            login(randomIp(), victim.email(), victim.password())
                    .then()
                    .statusCode(429)
                    .body("error", equalTo("rate_limited"));
            assertTrue(
                    lines.lines().stream()
                            .anyMatch(line -> line.contains("\"rate_limited\"") && line.contains(victim.id())),
                    "the block is audited with the account's user id");
        }
        login(randomIp(), bystander.email(), bystander.password()).then().statusCode(200);
    }

    @Test
    void parallelFailuresCannotOverrunTheAccountLimit() {
        TestUser victim = TestUsers.register();
        HttpClient client = HttpClient.newHttpClient();
        List<HttpResponse<String>> responses = IntStream.range(0, 12)
                .mapToObj(i -> client.sendAsync(
                        HttpRequest.newBuilder(loginUri)
                                .header("Content-Type", "application/json")
                                .header("X-Forwarded-For", randomIp())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"email\":\"" + victim.email() + "\",\"password\":\"wrong-password-x\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .map(CompletableFuture::join)
                .toList();
        assertEquals(
                4,
                responses.stream().filter(r -> r.statusCode() == 401).count(),
                "only the limit reaches the password check");
        assertEquals(8, responses.stream().filter(r -> r.statusCode() == 429).count());
    }

    @Test
    void passwordGrantCountsAsALoginAttempt() {
        TestClient client = TestClients.confidential("read", "password");
        TestUser user = TestUsers.register();
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            client.tokenFrom(ip, Map.of("grant_type", "password", "username", user.email(), "password", "wrong-" + i))
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_grant"));
        }
        login(ip, user.email(), user.password()).then().statusCode(429);
    }

    @Test
    void authorizationLoginPageCountsFailuresAndShowsTheBlock() {
        // every request of this test comes from the one address set up for it
        TestClient app = TestClients.publicClient("read", "authorization_code");
        TestUser user = TestUsers.register();
        BrowserFlow.LoginForm form = BrowserFlow.loginForm(
                BrowserFlow.authorize(BrowserFlow.authorizeParams(app.id(), BrowserFlow.Pkce.create(), "s"), null));
        for (int i = 0; i < 3; i++) {
            BrowserFlow.submit(form, user.email(), "wrong-password-" + i).then().statusCode(401);
        }
        BrowserFlow.submit(form, user.email(), user.password())
                .then()
                .statusCode(429)
                .header("Location", org.hamcrest.Matchers.nullValue())
                .header("Retry-After", notNullValue())
                .body(org.hamcrest.Matchers.containsString("Too many failed sign-ins"));
    }

    @Test
    void pendingAuthorizationRequestsPerAddressAreLimited() {
        // every request of this test comes from the one address set up for it
        TestClient app = TestClients.publicClient("read", "authorization_code");
        Map<String, String> params = BrowserFlow.authorizeParams(app.id(), BrowserFlow.Pkce.create(), "s");
        for (int i = 0; i < 3; i++) {
            BrowserFlow.authorize(params, null).then().statusCode(200);
        }
        BrowserFlow.authorize(params, null).then().statusCode(429).header("Retry-After", notNullValue());
        given().header("X-Forwarded-For", randomIp())
                .redirects()
                .follow(false)
                .queryParams(params)
                .get("/oauth2/authorize")
                .then()
                .statusCode(200);
    }

    @Test
    void failedClientAuthenticationsAreLimitedPerClientIdAndAddress() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        TestClient impostor = new TestClient(client.id(), "not-the-secret");
        String ip = randomIp();
        for (int i = 0; i < 2; i++) {
            impostor.tokenFrom(ip, Map.of("grant_type", "client_credentials"))
                    .then()
                    .statusCode(401);
        }
        client.tokenFrom(ip, Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(429)
                .body("error", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
        client.tokenFrom(randomIp(), Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200);
    }

    @Test
    void failuresFromElsewhereNeverLockAClientOut() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        TestClient impostor = new TestClient(client.id(), "not-the-secret");
        for (int i = 0; i < 5; i++) {
            impostor.tokenFrom(randomIp(), Map.of("grant_type", "client_credentials"))
                    .then()
                    .statusCode(401);
        }
        String own = randomIp();
        client.tokenFrom(own, Map.of("grant_type", "client_credentials")).then().statusCode(200);
        client.postFrom(own, "/oauth2/introspect", Map.of("token", "x")).then().statusCode(200);
        client.postFrom(own, "/oauth2/revoke", Map.of("token", "x")).then().statusCode(200);
    }

    @Test
    void aPublicClientSentASecretLocksNobodyElseOut() {
        TestClient app = TestClients.publicClient("read", "authorization_code");
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", randomIp())
                    .contentType(ContentType.URLENC)
                    .formParams(Map.of(
                            "grant_type",
                            "authorization_code",
                            "code",
                            "x",
                            "client_id",
                            app.id(),
                            "client_secret",
                            "guess-" + i))
                    .post("/oauth2/token")
                    .then()
                    .statusCode(401);
        }
        app.tokenFrom(
                        randomIp(),
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                "x",
                                "code_verifier",
                                "v".repeat(43),
                                "redirect_uri",
                                TestClients.REDIRECT_URI))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void parallelClientAuthenticationFailuresCannotOverrunTheLimit() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        String basic = java.util.Base64.getEncoder().encodeToString((client.id() + ":not-the-secret").getBytes());
        List<Integer> statuses = Burst.postForm(
                tokenUri,
                Map.of("Authorization", "Basic " + basic, "X-Forwarded-For", randomIp()),
                "grant_type=client_credentials",
                24);
        assertEquals(
                2,
                statuses.stream().filter(status -> status == 401).count(),
                "only the limit's failures are let through: " + statuses);
        assertEquals(22, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
    }

    @Test
    void clientAuthenticationFailuresAreCountedPerClientForAlerts() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        TestClient impostor = new TestClient(client.id(), "not-the-secret");
        Map<String, String> labels = Map.of("client_id", client.id());
        for (int i = 0; i < 3; i++) {
            impostor.tokenFrom(randomIp(), Map.of("grant_type", "client_credentials"))
                    .then()
                    .statusCode(401);
        }
        assertEquals(3.0, PrometheusScrape.value("gatehouse_client_auth_failures_total", labels));
    }

    @Test
    void introspectionIsLimitedPerIp() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            client.postFrom(ip, "/oauth2/introspect", Map.of("token", "x"))
                    .then()
                    .statusCode(200);
        }
        client.postFrom(ip, "/oauth2/introspect", Map.of("token", "x"))
                .then()
                .statusCode(429)
                .body("error_description", containsString("Too many requests"));
    }

    @Test
    void introspectionByAClientBlockedForItsFailuresIsRefusedForThemFromThatAddress() {
        // one script checks both limits: the refusal must name the one that is exhausted
        TestClient client = TestClients.confidential("read", "client_credentials");
        TestClient impostor = new TestClient(client.id(), "not-the-secret");
        String ip = randomIp();
        for (int i = 0; i < 2; i++) {
            impostor.postFrom(ip, "/oauth2/introspect", Map.of("token", "x"))
                    .then()
                    .statusCode(401);
        }
        client.postFrom(ip, "/oauth2/introspect", Map.of("token", "x"))
                .then()
                .statusCode(429)
                .body("error", equalTo("rate_limited"))
                .body("error_description", containsString("failed client authentications"));
    }

    private static Response me(String ip) {
        return given().header("X-Forwarded-For", ip).get("/api/users/me");
    }

    private static Response register(String ip, String email) {
        return given().header("X-Forwarded-For", ip)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", TestUsers.PASSWORD))
                .post("/auth/register");
    }

    private static Response login(String ip, String email, String password) {
        return given().header("X-Forwarded-For", ip)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/auth/login");
    }

    static String randomIp() {
        return FromAnotherAddress.randomIp();
    }
}
