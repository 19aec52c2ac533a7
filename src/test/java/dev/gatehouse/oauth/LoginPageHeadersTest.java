package dev.gatehouse.oauth;

import static dev.gatehouse.oauth.BrowserLogins.authorizeUrl;
import static dev.gatehouse.oauth.BrowserLogins.callback;
import static dev.gatehouse.oauth.BrowserLogins.randomToken;
import static dev.gatehouse.oauth.BrowserLogins.registerPublicClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.BrowserFlow.Pkce;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The login page's headers keep it out of frames and caches, and its form posts only to Gatehouse and the client. */
@QuarkusTest
class LoginPageHeadersTest {

    @Test
    void loginPageForbidsFramingCachingAndFormPostsToOtherOrigins() throws Exception {
        String clientId = registerPublicClient();
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(authorizeUrl(clientId, randomToken(), Pkce.create())))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

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
                .filter(cookie -> cookie.startsWith("gh_authz="))
                .findFirst()
                .orElse("");
        assertTrue(
                pendingCookie.contains("HttpOnly")
                        && pendingCookie.contains("Secure")
                        && pendingCookie.contains("SameSite=Strict"),
                () -> "gh_authz cookie: " + pendingCookie);
    }

    private static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
}
