package dev.gatehouse.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.Jwts;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestUsers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** OpenID Connect rules at the edges: nonce, prompt, max_age, ID tokens out of place, userinfo and logout refusals. */
@QuarkusTest
class OidcFlowTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Pool pool;

    @Test
    void aRequestWithoutNonceGetsAnIdTokenWithoutNonce() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
        OidcBrowser.SignedIn signedIn =
                OidcBrowser.signIn(OidcBrowser.params(client.id(), pkce, null), TestUsers.register());

        Map<String, Object> claims =
                Jwts.payload(OidcBrowser.exchange(client, signedIn.code(), pkce).getString("id_token"));

        assertFalse(claims.containsKey("nonce"));
    }

    @Test
    void aNonceLongerThanTheLimitIsRefusedToTheClient() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        Response refused = BrowserFlow.authorize(
                OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), "n".repeat(513)), null);

        assertEquals(302, refused.statusCode());
        assertEquals("invalid_request", BrowserFlow.query(refused).get("error"));
    }

    @Test
    void withoutOpenidScopeThereIsNoIdToken() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
        var params = OidcBrowser.params(client.id(), pkce, "abc");
        params.put("scope", "notes.read");
        OidcBrowser.SignedIn signedIn = OidcBrowser.signIn(params, TestUsers.register());

        assertNull(OidcBrowser.exchange(client, signedIn.code(), pkce).getString("id_token"));
    }

    @Test
    void anIdTokenIsRefusedAsAnAccessTokenByTheApiAndByUserinfo() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
        OidcBrowser.SignedIn signedIn =
                OidcBrowser.signIn(OidcBrowser.params(client.id(), pkce, "n-1"), TestUsers.register());
        String idToken = OidcBrowser.exchange(client, signedIn.code(), pkce).getString("id_token");
        assertEquals("JWT", Jwts.header(idToken).get("typ"));

        given().auth().oauth2(idToken).get("/api/users/me").then().statusCode(401);
        OidcBrowser.userinfo(idToken)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void userinfoWithoutTheOpenidScopeIsInsufficientScope() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
        var params = OidcBrowser.params(client.id(), pkce, null);
        params.put("scope", "notes.read");
        OidcBrowser.SignedIn signedIn = OidcBrowser.signIn(params, TestUsers.register());
        String accessToken = OidcBrowser.exchange(client, signedIn.code(), pkce).getString("access_token");

        OidcBrowser.userinfo(accessToken)
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void userinfoWithoutATokenAsksForOne() {
        given().get("/oauth2/userinfo").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void promptNoneWithoutASessionRedirectsLoginRequired() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        var params = OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null);
        params.put("prompt", "none");

        Response answer = BrowserFlow.authorize(params, null);

        assertEquals(302, answer.statusCode());
        Map<String, String> query = BrowserFlow.query(answer);
        assertEquals("login_required", query.get("error"));
        assertEquals("state-1", query.get("state"));
    }

    @Test
    void promptNoneWithASessionGetsACodeAtOnce() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        OidcBrowser.SignedIn signedIn = OidcBrowser.signIn(
                OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), TestUsers.register());
        var params = OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null);
        params.put("prompt", "none");

        Response answer = BrowserFlow.authorize(params, signedIn.sessionCookie());

        assertEquals(302, answer.statusCode());
        assertNotNull(BrowserFlow.query(answer).get("code"));
    }

    @Test
    void promptLoginShowsTheLoginPageDespiteASession() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        OidcBrowser.SignedIn signedIn = OidcBrowser.signIn(
                OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), TestUsers.register());
        var params = OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null);
        params.put("prompt", "login");

        BrowserFlow.authorize(params, signedIn.sessionCookie())
                .then()
                .statusCode(200)
                .body(containsString("Sign in"));
    }

    @Test
    void anExceededMaxAgeShowsTheLoginPageAndAFreshLoginHasANewAuthTime() throws Exception {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        TestUsers.TestUser user = TestUsers.register();
        OidcBrowser.SignedIn signedIn =
                OidcBrowser.signIn(OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), user);
        Thread.sleep(1100);
        BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
        var params = OidcBrowser.params(client.id(), pkce, null);
        params.put("max_age", "1");

        Response page = BrowserFlow.authorize(params, signedIn.sessionCookie());
        page.then().statusCode(200).body(containsString("Sign in"));
        Response redirect = BrowserFlow.submit(BrowserFlow.loginForm(page), user.email(), user.password());
        String idToken = OidcBrowser.exchange(
                        client, BrowserFlow.query(redirect).get("code"), pkce)
                .getString("id_token");

        long authTime = ((Number) Jwts.payload(idToken).get("auth_time")).longValue();
        assertTrue(System.currentTimeMillis() / 1000 - authTime <= 2, "auth_time is the fresh login");
    }

    @Test
    void aRepeatedOrUnknownPromptValueIsRefused() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        var params = OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null);
        params.put("prompt", "none login");

        assertEquals(
                "invalid_request",
                BrowserFlow.query(BrowserFlow.authorize(params, null)).get("error"));
    }

    @Test
    void anRpLogoutRevokesTheRefreshFamilyItsSessionStartedThoughRedisLostTheirLink() {
        Refreshing session = Refreshing.signIn();
        TestClients.TestClient client = session.client();
        OidcBrowser.SignedIn signedIn = session.signedIn();
        var tokens = session.tokens();
        String idToken = tokens.getString("id_token");
        // where earlier versions kept the link, which a Redis restart or a failover's last second can lose
        redis.key().del("gh:oidc-sess:" + Jwts.payload(idToken).get("sid"));

        logOutWithHint(signedIn, idToken);

        refresh(client, tokens.getString("refresh_token"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void anRpLogoutRevokesAFamilyThatAnEarlierVersionTiedToItsSessionInRedis() throws Throwable {
        Refreshing session = Refreshing.signIn();
        TestClients.TestClient client = session.client();
        OidcBrowser.SignedIn signedIn = session.signedIn();
        var tokens = session.tokens();
        String idToken = tokens.getString("id_token");
        String family = (String) Jwts.payload(tokens.getString("access_token")).get("sid");
        // as an earlier version left it: the link in Redis alone
        VertxContextSupport.subscribeAndAwait(
                () -> pool.preparedQuery("UPDATE refresh_token SET browser_sid = NULL WHERE family_id = $1")
                        .execute(Tuple.of(UUID.fromString(family))));
        redis.set(String.class).sadd("gh:oidc-sess:" + Jwts.payload(idToken).get("sid"), family);
        String rotated = refresh(client, tokens.getString("refresh_token"))
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");

        logOutWithHint(signedIn, idToken);

        assertFalse(redis.key().exists("gh:oidc-sess:" + Jwts.payload(idToken).get("sid")), "the link is forgotten");
        assertEquals(
                401,
                given().auth()
                        .oauth2(tokens.getString("access_token"))
                        .get("/oauth2/userinfo")
                        .statusCode(),
                "the family's access tokens end with it");
        refresh(client, rotated).then().statusCode(400);
    }

    /** A code flow's end for a client that may refresh: its browser session and tokens. */
    private record Refreshing(
            TestClients.TestClient client, OidcBrowser.SignedIn signedIn, io.restassured.path.json.JsonPath tokens) {
        static Refreshing signIn() {
            TestClients.TestClient client = OidcBrowser.client("authorization_code", "refresh_token");
            BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
            OidcBrowser.SignedIn signedIn =
                    OidcBrowser.signIn(OidcBrowser.params(client.id(), pkce, null), TestUsers.register());
            return new Refreshing(client, signedIn, OidcBrowser.exchange(client, signedIn.code(), pkce));
        }
    }

    private static void logOutWithHint(OidcBrowser.SignedIn signedIn, String idToken) {
        given().redirects()
                .follow(false)
                .cookie("gh_session", signedIn.sessionCookie())
                .queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", OidcBrowser.LOGOUT_REDIRECT)
                .get("/oauth2/logout")
                .then()
                .statusCode(302);
    }

    private static Response refresh(TestClients.TestClient client, String refreshToken) {
        return client.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    @Test
    void anUnregisteredPostLogoutRedirectUriIsShownAnErrorAndNeverRedirected() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
        OidcBrowser.SignedIn signedIn =
                OidcBrowser.signIn(OidcBrowser.params(client.id(), pkce, null), TestUsers.register());
        String idToken = OidcBrowser.exchange(client, signedIn.code(), pkce).getString("id_token");

        Response answer = given().redirects()
                .follow(false)
                .cookie("gh_session", signedIn.sessionCookie())
                .queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", "https://evil.example.com/signed-out")
                .get("/oauth2/logout");

        assertEquals(400, answer.statusCode());
        assertNull(answer.getHeader("Location"));
        // and the session goes on
        BrowserFlow.authorize(
                        OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), signedIn.sessionCookie())
                .then()
                .statusCode(302);
    }

    @Test
    void withoutAHintLogoutAsksFirstAndAForgedPostChangesNothing() {
        TestClients.TestClient client = OidcBrowser.client("authorization_code");
        OidcBrowser.SignedIn signedIn = OidcBrowser.signIn(
                OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), TestUsers.register());

        Response page = given().redirects()
                .follow(false)
                .cookie("gh_session", signedIn.sessionCookie())
                .queryParam("client_id", client.id())
                .queryParam("post_logout_redirect_uri", OidcBrowser.LOGOUT_REDIRECT)
                .queryParam("state", "s-9")
                .get("/oauth2/logout");
        page.then().statusCode(200).contentType(containsString("text/html")).header("Cache-Control", "no-store");
        Map<String, String> form = hidden(page.asString());
        String logoutCookie = page.getCookie("gh_logout");
        assertNotNull(logoutCookie);

        // a forged confirmation: the session's cookie rides along (as a browser's would), but no CSRF token
        given().redirects()
                .follow(false)
                .cookie("gh_session", signedIn.sessionCookie())
                .contentType(ContentType.URLENC)
                .formParam("pending", form.get("pending"))
                .post("/oauth2/logout/confirm")
                .then()
                .statusCode(403);
        BrowserFlow.authorize(
                        OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), signedIn.sessionCookie())
                .then()
                .statusCode(302);

        Response confirmed = given().redirects()
                .follow(false)
                .cookie("gh_session", signedIn.sessionCookie())
                .cookie("gh_logout", logoutCookie)
                .contentType(ContentType.URLENC)
                .formParams(form)
                .post("/oauth2/logout/confirm");
        assertEquals(303, confirmed.statusCode(), confirmed::asString);
        assertEquals(OidcBrowser.LOGOUT_REDIRECT + "?state=s-9", confirmed.getHeader("Location"));
        BrowserFlow.authorize(
                        OidcBrowser.params(client.id(), BrowserFlow.Pkce.create(), null), signedIn.sessionCookie())
                .then()
                .statusCode(200);
    }

    @Test
    void postLogoutRedirectUrisAreRegisteredEchoedAndChecked() {
        Map<String, Object> metadata = TestClients.metadata("openid", "client_secret_basic", "authorization_code");
        metadata.put("post_logout_redirect_uris", List.of(OidcBrowser.LOGOUT_REDIRECT));
        String admin = TestUsers.admin().accessToken();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(metadata)
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .body("post_logout_redirect_uris", equalTo(List.of(OidcBrowser.LOGOUT_REDIRECT)));

        Map<String, Object> bad = TestClients.metadata("openid", "client_secret_basic", "authorization_code");
        bad.put("post_logout_redirect_uris", List.of("http://evil.example.com/out"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(bad)
                .post("/api/admin/clients")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_client_metadata"));
    }

    private static Map<String, String> hidden(String html) {
        var matcher = java.util.regex.Pattern.compile("name=\"(pending|csrf)\" value=\"([^\"]+)\"")
                .matcher(html);
        Map<String, String> fields = new java.util.HashMap<>();
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }
}
