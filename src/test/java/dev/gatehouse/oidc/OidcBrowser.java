package dev.gatehouse.oidc;

import static io.restassured.RestAssured.given;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestUsers;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An OpenID Connect relying party and its user's browser, over plain HTTP (no redirects followed). */
final class OidcBrowser {

    static final String LOGOUT_REDIRECT = "https://app.example.com/signed-out";

    private OidcBrowser() {}

    /** The end of a login: the redirect's query and the browser session cookie it set. */
    record SignedIn(Map<String, String> redirect, String sessionCookie) {
        String code() {
            return redirect.get("code");
        }
    }

    /** A confidential client registered for {@code openid profile email} with a post-logout redirect URI. */
    static TestClients.TestClient client(String... grantTypes) {
        Map<String, Object> metadata =
                TestClients.metadata("openid profile email notes.read", "client_secret_basic", grantTypes);
        metadata.put("post_logout_redirect_uris", List.of(LOGOUT_REDIRECT));
        return TestClients.register(metadata);
    }

    /** Authorization request parameters of an OpenID Connect code flow; {@code nonce} may be null. */
    static Map<String, String> params(String clientId, BrowserFlow.Pkce pkce, String nonce) {
        Map<String, String> params = new HashMap<>(BrowserFlow.authorizeParams(clientId, pkce, "state-1"));
        params.put("scope", "openid profile email");
        if (nonce != null) {
            params.put("nonce", nonce);
        }
        return params;
    }

    /** Logs the user in on the login page for these parameters. */
    static SignedIn signIn(Map<String, String> params, TestUsers.TestUser user) {
        Response page = BrowserFlow.authorize(params, null)
                .then()
                .statusCode(200)
                .extract()
                .response();
        Response redirect = BrowserFlow.submit(BrowserFlow.loginForm(page), user.email(), user.password())
                .then()
                .statusCode(303)
                .extract()
                .response();
        return new SignedIn(BrowserFlow.query(redirect), redirect.getCookie("gh_session"));
    }

    /** Exchanges a code for the token response (as JSON). */
    static io.restassured.path.json.JsonPath exchange(
            TestClients.TestClient client, String code, BrowserFlow.Pkce pkce) {
        return BrowserFlow.exchange(client, code, pkce)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static Response userinfo(String accessToken) {
        return given().auth().oauth2(accessToken).get("/oauth2/userinfo");
    }
}
