package dev.gatehouse.oauth;

import static dev.gatehouse.oauth.BrowserLogins.authorizeUrl;
import static dev.gatehouse.oauth.BrowserLogins.exchange;
import static dev.gatehouse.oauth.BrowserLogins.randomToken;
import static dev.gatehouse.oauth.BrowserLogins.registerPublicClient;
import static dev.gatehouse.oauth.BrowserLogins.signIn;
import static dev.gatehouse.oauth.BrowserLogins.subjectOf;
import static dev.gatehouse.oauth.BrowserLogins.waitForCallback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** A browser that signed in once gets its next code from its session, without the login form ({@link HeadlessChromium}). */
@QuarkusTest
class BrowserSessionReuseTest {

    @Test
    void secondAuthorizationInTheSameBrowserReturnsANewCodeWithoutTheLoginForm() throws Exception {
        String clientId = registerPublicClient();
        TestUsers.TestUser user = TestUsers.register();

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver driver = browser.driver();
            Pkce firstPkce = Pkce.create();
            driver.get(authorizeUrl(clientId, randomToken(), firstPkce));
            signIn(driver, user);
            String firstCode = waitForCallback(browser).get("code");
            exchange(clientId, firstCode, firstPkce.verifier());

            // the gh_session cookie carries the login: the server redirects at once, no form is shown
            Pkce secondPkce = Pkce.create();
            String secondState = randomToken();
            driver.get(authorizeUrl(clientId, secondState, secondPkce));
            Map<String, String> redirect = waitForCallback(browser);

            assertEquals(secondState, redirect.get("state"));
            assertEquals(TestIssuer.issuer(), redirect.get("iss"));
            assertNotEquals(firstCode, redirect.get("code"));
            assertTrue(driver.findElements(By.id("sign-in")).isEmpty());
            JsonPath tokens = exchange(clientId, redirect.get("code"), secondPkce.verifier());
            assertEquals(user.id(), subjectOf(tokens.getString("access_token")));
        }
    }
}
