package dev.gatehouse.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CookieTransportTest {

    @Test
    void cookieLoginKeepsTheRefreshTokenOutOfTheBody() {
        Response login = cookieLogin(TestUsers.register());
        login.then()
                .statusCode(200)
                .body("token", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .body("$", not(hasKey("refreshToken")));
        List<String> cookies = login.getHeaders().getValues("Set-Cookie");
        String refresh = cookies.stream()
                .filter(c -> c.startsWith("gh_refresh="))
                .findFirst()
                .orElseThrow();
        String csrf = cookies.stream()
                .filter(c -> c.startsWith("gh_csrf="))
                .findFirst()
                .orElseThrow();
        for (String attribute : List.of("HttpOnly", "Secure", "SameSite=Strict", "Path=/auth")) {
            assertTrue(refresh.contains(attribute), refresh + " lacks " + attribute);
        }
        for (String attribute : List.of("Secure", "SameSite=Strict", "Path=/")) {
            assertTrue(csrf.contains(attribute), csrf + " lacks " + attribute);
        }
        assertTrue(!csrf.contains("HttpOnly"), "the app must be able to read gh_csrf");
    }

    @Test
    void refreshWithTheCookieAndCsrfHeaderRotatesInCookieTransport() {
        Response login = cookieLogin(TestUsers.register());
        String refresh = login.getCookie("gh_refresh");
        String csrf = login.getCookie("gh_csrf");

        Response rotated = given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .post("/auth/refresh");
        rotated.then().statusCode(200).body("token", notNullValue()).body("$", not(hasKey("refreshToken")));
        assertNotNull(rotated.getCookie("gh_refresh"));
        assertNotEquals(refresh, rotated.getCookie("gh_refresh"));

        // the spent cookie presented again revokes the family
        given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .post("/auth/refresh")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshWithTheCookieButWithoutOrWithWrongCsrfHeaderIsRefused() {
        Response login = cookieLogin(TestUsers.register());
        String refresh = login.getCookie("gh_refresh");
        String csrf = login.getCookie("gh_csrf");
        given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .post("/auth/refresh")
                .then()
                .statusCode(403)
                .body("error", equalTo("csrf_mismatch"));
        given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .header("X-CSRF-Token", "forged")
                .post("/auth/refresh")
                .then()
                .statusCode(403)
                .body("error", equalTo("csrf_mismatch"));
        given().cookie("gh_refresh", refresh)
                .header("X-CSRF-Token", csrf)
                .post("/auth/refresh")
                .then()
                .statusCode(403)
                .body("error", equalTo("csrf_mismatch"));
        // nothing was spent by the refused attempts
        given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .post("/auth/refresh")
                .then()
                .statusCode(200);
    }

    @Test
    void logoutWithTheCookieNeedsCsrfAndClearsTheCookies() {
        Response login = cookieLogin(TestUsers.register());
        String refresh = login.getCookie("gh_refresh");
        String csrf = login.getCookie("gh_csrf");
        given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .post("/auth/logout")
                .then()
                .statusCode(403)
                .body("error", equalTo("csrf_mismatch"));

        given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .post("/auth/logout")
                .then()
                .statusCode(204)
                .header("Set-Cookie", containsString("Max-Age=0"));
        given().cookie("gh_refresh", refresh)
                .cookie("gh_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .post("/auth/refresh")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void bodyTransportRefreshCanSwitchToCookies() {
        String refresh = TestUsers.register().login().refreshToken();
        Response switched = given().header("X-Token-Transport", "cookie")
                .contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refresh))
                .post("/auth/refresh");
        switched.then().statusCode(200).body("$", not(hasKey("refreshToken")));
        assertNotNull(switched.getCookie("gh_refresh"));
    }

    @Test
    void refreshBodyWithWrongContentTypeIsUnsupportedMediaType() {
        given().contentType(ContentType.TEXT)
                .body("{\"refreshToken\":\"x\"}")
                .post("/auth/refresh")
                .then()
                .statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    private static Response cookieLogin(TestUser user) {
        return given().header("X-Token-Transport", "cookie")
                .contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", user.password()))
                .post("/auth/login");
    }
}
