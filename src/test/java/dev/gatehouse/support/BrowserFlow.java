package dev.gatehouse.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The browser side of the authorization code flow, over plain HTTP (no redirects followed). */
public final class BrowserFlow {

    private static final Pattern HIDDEN = Pattern.compile("name=\"(pending|csrf)\" value=\"([^\"]+)\"");

    private BrowserFlow() {}

    /** A PKCE pair (RFC 7636): a fresh verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(
                        verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The login page's form fields and the cookie that binds them to this browser. */
    public record LoginForm(String pending, String csrf, String cookie) {}

    public static Map<String, String> authorizeParams(String clientId, Pkce pkce, String state) {
        Map<String, String> params = new HashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", TestClients.REDIRECT_URI);
        params.put("state", state);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    public static Response authorize(Map<String, String> params, String sessionCookie) {
        var request = given().redirects().follow(false).queryParams(params);
        if (sessionCookie != null) {
            request.cookie("gh_session", sessionCookie);
        }
        return request.get("/oauth2/authorize");
    }

    public static LoginForm loginForm(Response page) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = HIDDEN.matcher(page.asString());
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return new LoginForm(fields.get("pending"), fields.get("csrf"), page.getCookie("gh_authz"));
    }

    public static Response submit(LoginForm form, String email, String password) {
        return given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .cookie("gh_authz", form.cookie())
                .formParams(
                        Map.of("pending", form.pending(), "csrf", form.csrf(), "email", email, "password", password))
                .post("/oauth2/authorize/login");
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, String> query(Response redirect) {
        URI location = URI.create(redirect.getHeader("Location"));
        Map<String, String> params = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    /** The client's exchange of a code at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.5). */
    public static Response exchange(TestClients.TestClient client, String code, Pkce pkce) {
        return client.token(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                TestClients.REDIRECT_URI,
                "code_verifier",
                pkce.verifier()));
    }

    /** Runs the whole browser part for a user and answers the redirect (303 with the code). */
    public static Response login(String clientId, Pkce pkce, String state, TestUsers.TestUser user) {
        LoginForm form = loginForm(authorize(authorizeParams(clientId, pkce, state), null)
                .then()
                .statusCode(200)
                .extract()
                .response());
        return submit(form, user.email(), user.password())
                .then()
                .statusCode(303)
                .extract()
                .response();
    }
}
