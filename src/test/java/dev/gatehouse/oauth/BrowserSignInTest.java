package dev.gatehouse.oauth;

import static dev.gatehouse.oauth.BrowserLogins.authorizeUrl;
import static dev.gatehouse.oauth.BrowserLogins.exchange;
import static dev.gatehouse.oauth.BrowserLogins.randomToken;
import static dev.gatehouse.oauth.BrowserLogins.registerPublicClient;
import static dev.gatehouse.oauth.BrowserLogins.signIn;
import static dev.gatehouse.oauth.BrowserLogins.subjectOf;
import static dev.gatehouse.oauth.BrowserLogins.waitForCallback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.HeadlessChromium;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The login page of {@code /oauth2/authorize} in a real browser ({@link HeadlessChromium}): an
 * authorization code + PKCE flow from the authorize URL to the code exchange.
 */
@QuarkusTest
class BrowserSignInTest {

    @Test
    void userSignsInOnTheLoginPageAndTheCodeFromTheRedirectExchangesForTokens() throws Exception {
        String clientId = registerPublicClient();
        TestUsers.TestUser user = TestUsers.register();
        Pkce pkce = Pkce.create();
        String state = randomToken();

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver driver = browser.driver();
            driver.get(authorizeUrl(clientId, state, pkce));

            assertEquals("Sign in · Gatehouse", driver.getTitle(), () -> "the login page, got " + browser.describe());
            assertTrue(
                    driver.findElement(By.tagName("main")).getText().contains(BrowserLogins.CLIENT_NAME),
                    "the page names the client");
            signIn(driver, user);

            Map<String, String> redirect = waitForCallback(browser);
            assertEquals(state, redirect.get("state"));
            assertEquals(TestIssuer.issuer(), redirect.get("iss"));
            assertNotNull(redirect.get("code"));
            assertTrue(
                    browser.cspViolations().isEmpty(),
                    () -> "CSP violations in the browser: " + browser.cspViolations());

            JsonPath tokens = exchange(clientId, redirect.get("code"), pkce.verifier());
            assertEquals("Bearer", tokens.getString("token_type"));
            assertNotNull(tokens.getString("refresh_token"));
            assertEquals(user.id(), subjectOf(tokens.getString("access_token")), "the token is the signed-in user's");
        }
    }
}
