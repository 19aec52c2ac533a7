package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.Management;
import dev.gatehouse.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract's headers on every kind of response over plain HTTP, errors made outside the
 * resources included; HTML pages also get CSP, anti-framing and no-store; never HSTS over HTTP.
 */
@QuarkusTest
class HeadersTest {

    @Test
    void errorResponsesCarryTheSecurityHeaders() {
        assertCommon(given().get("/auth/nothing-here"), 404);
        assertCommon(given().get("/"), 404);
        assertCommon(given().get("/auth/login"), 405);
        assertCommon(
                given().contentType(ContentType.JSON)
                        .body(Map.of("email", "x".repeat(70 * 1024)))
                        .post("/auth/register"),
                413);
        assertCommon(given().contentType(ContentType.TEXT).body("x").post("/auth/login"), 415);
        assertCommon(given().contentType(ContentType.JSON).body("{").post("/auth/login"), 400);
        assertCommon(given().get("/api/users/me"), 401);
    }

    @Test
    void successfulAndFrameworkResponsesCarryThemToo() {
        assertCommon(given().get("/oauth2/jwks"), 200);
        assertCommon(given().get("/.well-known/oauth-authorization-server"), 200);
        assertCommon(Management.given().get("/q/health/live"), 200);
        assertCommon(given().get("/css/gatehouse.css"), 200);
    }

    @Test
    void authorizationErrorPageHasPageHeaders() {
        assertPage(
                given().queryParam("client_id", "no-such-client")
                        .queryParam("response_type", "code")
                        .get("/oauth2/authorize"),
                400,
                "form-action 'self';");
    }

    @Test
    void loginPageHasPageHeaders() {
        TestClients.TestClient client = TestClients.publicClient("read", "authorization_code");
        Response page =
                BrowserFlow.authorize(BrowserFlow.authorizeParams(client.id(), BrowserFlow.Pkce.create(), "s"), null);
        assertPage(page, 200, "form-action 'self' https://app.example.com;");
    }

    private static void assertPage(Response page, int status, String formAction) {
        assertCommon(page, status)
                .contentType(containsString("text/html"))
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'self'; img-src 'self'; " + formAction
                                + " frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
    }

    private static ValidatableResponse assertCommon(Response response, int status) {
        return response.then()
                .statusCode(status)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .header("Strict-Transport-Security", nullValue());
    }
}
