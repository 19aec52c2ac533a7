package dev.gatehouse.oauth;

import static dev.gatehouse.oauth.BrowserLogins.authorizeUrl;
import static dev.gatehouse.oauth.BrowserLogins.callback;
import static dev.gatehouse.oauth.BrowserLogins.exchange;
import static dev.gatehouse.oauth.BrowserLogins.randomToken;
import static dev.gatehouse.oauth.BrowserLogins.registerPublicClient;
import static dev.gatehouse.oauth.BrowserLogins.signIn;
import static dev.gatehouse.oauth.BrowserLogins.signedOut;
import static dev.gatehouse.oauth.BrowserLogins.url;
import static dev.gatehouse.oauth.BrowserLogins.waitFor;
import static dev.gatehouse.oauth.BrowserLogins.waitForCallback;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.HeadlessChromium;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

/**
 * OpenID Connect in a real browser ({@link HeadlessChromium}): a sign-in with {@code scope=openid}
 * and a nonce that ends in an ID token, then RP-Initiated Logout from that browser, after which the
 * browser has no session left ({@code prompt=none} answers {@code login_required}) and the
 * session's refresh token is dead.
 */
@QuarkusTest
class BrowserOpenIdLogoutTest {

    @Test
    void openIdSignInGivesAnIdTokenAndLogoutFromTheBrowserEndsTheSession() throws Exception {
        String clientId = registerPublicClient(
                Map.of("scope", "openid profile", "post_logout_redirect_uris", List.of(signedOut())));
        TestUsers.TestUser user = TestUsers.register();
        Pkce pkce = Pkce.create();
        String nonce = randomToken();
        String refreshToken;

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver driver = browser.driver();
            driver.get(authorizeUrl(clientId, randomToken(), pkce, Map.of("scope", "openid profile", "nonce", nonce)));
            signIn(driver, user);
            JsonPath tokens = exchange(clientId, waitForCallback(browser).get("code"), pkce.verifier());
            refreshToken = tokens.getString("refresh_token");

            JsonPath idToken = claims(tokens.getString("id_token"));
            assertEquals(TestIssuer.issuer(), idToken.getString("iss"));
            assertEquals(user.id(), idToken.getString("sub"));
            assertEquals(clientId, idToken.getString("aud"));
            assertEquals(nonce, idToken.getString("nonce"), "the nonce of the authorization request");
            assertNotNull(idToken.getString("sid"));

            driver.get(url(
                    "/oauth2/logout",
                    Map.of(
                            "id_token_hint", tokens.getString("id_token"),
                            "post_logout_redirect_uri", signedOut(),
                            "state", "bye-1")));
            assertEquals("bye-1", waitFor(browser, signedOut()).get("state"), "back at the client, with its state");

            driver.get(authorizeUrl(clientId, "again", Pkce.create(), Map.of("scope", "openid", "prompt", "none")));
            Map<String, String> answer = waitFor(browser, callback());
            assertEquals("login_required", answer.get("error"), "the browser's session has ended");
            assertNull(answer.get("code"));
        }

        given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .formParam("client_id", clientId)
                .post("/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    private static JsonPath claims(String jwt) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
