package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.BrowserFlow.LoginForm;
import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizationCodeFlowTest {

    @Test
    void loginPageCarriesStrictPageHeaders() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        BrowserFlow.authorize(BrowserFlow.authorizeParams(client.id(), Pkce.create(), "s"), null)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self' https://app.example.com;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                .header("Set-Cookie", containsString("HttpOnly"));
    }

    @Test
    void codeWithPkceIsExchangedOnceForTokens() {
        TestClient client = TestClients.publicClient("read gatehouse:account", "authorization_code", "refresh_token");
        TestUser user = TestUsers.register();
        Pkce pkce = Pkce.create();
        Response redirect = BrowserFlow.login(client.id(), pkce, "xyz 123", user);
        assertEquals(true, redirect.getHeader("Location").startsWith(TestClients.REDIRECT_URI + "?"));
        Map<String, String> params = BrowserFlow.query(redirect);
        assertEquals("xyz 123", params.get("state"));
        assertEquals(TestIssuer.issuer(), params.get("iss"));

        String access = exchange(client, params.get("code"), pkce.verifier())
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("refresh_token", notNullValue())
                .body("scope", equalTo("read gatehouse:account"))
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(access)
                .get("/api/users/me")
                .then()
                .statusCode(200)
                .body("email", equalTo(user.email()));
    }

    @Test
    void reusedCodeIsRefusedAndRevokesWhatItIssued() {
        TestClient client = TestClients.publicClient("read gatehouse:account", "authorization_code", "refresh_token");
        Pkce pkce = Pkce.create();
        String code = BrowserFlow.query(BrowserFlow.login(client.id(), pkce, "s", TestUsers.register()))
                .get("code");
        var tokens = exchange(client, code, pkce.verifier())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        given().auth()
                .oauth2(tokens.getString("access_token"))
                .get("/api/users/me")
                .then()
                .statusCode(200);

        exchange(client, code, pkce.verifier()).then().statusCode(400).body("error", equalTo("invalid_grant"));

        given().auth()
                .oauth2(tokens.getString("access_token"))
                .get("/api/users/me")
                .then()
                .statusCode(401);
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.getString("refresh_token")))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void wrongVerifierRedirectUriOrClientIsInvalidGrant() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        TestUser user = TestUsers.register();

        Pkce pkce = Pkce.create();
        String code = BrowserFlow.query(BrowserFlow.login(client.id(), pkce, "s", user))
                .get("code");
        exchange(client, code, Pkce.create().verifier()).then().statusCode(400).body("error", equalTo("invalid_grant"));

        pkce = Pkce.create();
        code = BrowserFlow.query(BrowserFlow.login(client.id(), pkce, "s", user))
                .get("code");
        Map<String, String> form = exchangeForm(code, pkce.verifier());
        form.put("redirect_uri", "https://app.example.com/other");
        client.token(form).then().statusCode(400).body("error", equalTo("invalid_grant"));

        pkce = Pkce.create();
        code = BrowserFlow.query(BrowserFlow.login(client.id(), pkce, "s", user))
                .get("code");
        TestClient other = TestClients.publicClient("read", "authorization_code");
        exchange(other, code, pkce.verifier()).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void browserWithSessionGetsACodeWithoutLoggingInAgain() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        Response redirect = BrowserFlow.login(client.id(), Pkce.create(), "first", TestUsers.register());
        String session = redirect.getCookie("gh_session");
        assertNotNull(session);
        assertEquals(true, redirect.getHeader("Set-Cookie").contains("SameSite=Lax"));

        Pkce pkce = Pkce.create();
        Response again = BrowserFlow.authorize(BrowserFlow.authorizeParams(client.id(), pkce, "second"), session);
        again.then().statusCode(302).header("Location", startsWith(TestClients.REDIRECT_URI + "?code="));
        exchange(client, BrowserFlow.query(again).get("code"), pkce.verifier())
                .then()
                .statusCode(200);
    }

    @Test
    void unknownClientOrRedirectUriShowsAnErrorAndNeverRedirects() {
        Map<String, String> params = BrowserFlow.authorizeParams("no-such-client", Pkce.create(), "s");
        BrowserFlow.authorize(params, null)
                .then()
                .statusCode(400)
                .header("Location", nullValue())
                .contentType(containsString("text/html"));

        TestClient client = TestClients.publicClient("read", "authorization_code");
        params = BrowserFlow.authorizeParams(client.id(), Pkce.create(), "s");
        params.put("redirect_uri", "https://evil.example.com/callback");
        BrowserFlow.authorize(params, null).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void missingOrPlainPkceIsRedirectedAsInvalidRequest() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        Map<String, String> params = BrowserFlow.authorizeParams(client.id(), Pkce.create(), "st");
        params.remove("code_challenge");
        assertRedirectedError(params, "invalid_request");

        params = BrowserFlow.authorizeParams(client.id(), Pkce.create(), "st");
        params.put("code_challenge_method", "plain");
        assertRedirectedError(params, "invalid_request");
    }

    @Test
    void otherRequestErrorsAreRedirectedWithStateAndIssuer() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        Map<String, String> params = BrowserFlow.authorizeParams(client.id(), Pkce.create(), "st");
        params.put("response_type", "token");
        assertRedirectedError(params, "unsupported_response_type");

        params = BrowserFlow.authorizeParams(client.id(), Pkce.create(), "st");
        params.put("scope", "read admin");
        assertRedirectedError(params, "invalid_scope");
    }

    @Test
    void loginFormWithoutTheBrowsersCookieOrCsrfTokenIsRefused() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        TestUser user = TestUsers.register();
        LoginForm form = BrowserFlow.loginForm(
                BrowserFlow.authorize(BrowserFlow.authorizeParams(client.id(), Pkce.create(), "s"), null));

        BrowserFlow.submit(new LoginForm(form.pending(), "forged", form.cookie()), user.email(), user.password())
                .then()
                .statusCode(403)
                .header("Location", nullValue());
        BrowserFlow.submit(new LoginForm(form.pending(), form.csrf(), "other-browser"), user.email(), user.password())
                .then()
                .statusCode(403)
                .header("Location", nullValue());
        // the genuine form still works
        BrowserFlow.submit(form, user.email(), user.password()).then().statusCode(303);
    }

    @Test
    void wrongPasswordShowsTheFormAgain() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        TestUser user = TestUsers.register();
        LoginForm form = BrowserFlow.loginForm(
                BrowserFlow.authorize(BrowserFlow.authorizeParams(client.id(), Pkce.create(), "s"), null));
        BrowserFlow.submit(form, user.email(), "not-the-right-password")
                .then()
                .statusCode(401)
                .header("Location", nullValue())
                .body(containsString("incorrect"));
        BrowserFlow.submit(form, user.email(), user.password()).then().statusCode(303);
    }

    private static void assertRedirectedError(Map<String, String> params, String error) {
        Response redirect = BrowserFlow.authorize(params, null);
        redirect.then().statusCode(302).header("Location", startsWith(TestClients.REDIRECT_URI + "?error=" + error));
        Map<String, String> query = BrowserFlow.query(redirect);
        assertEquals("st", query.get("state"));
        assertEquals(TestIssuer.issuer(), query.get("iss"));
    }

    private static Response exchange(TestClient client, String code, String verifier) {
        return client.token(exchangeForm(code, verifier));
    }

    private static Map<String, String> exchangeForm(String code, String verifier) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", TestClients.REDIRECT_URI);
        form.put("code_verifier", verifier);
        return form;
    }
}
