package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The browser session of {@code /oauth2/authorize} ends whenever the user's sessions end. */
@QuarkusTest
class BrowserSessionEndTest {

    @Test
    void logoutAllEndsTheBrowserSession() {
        assertBrowserSessionEndsAfter(user -> given().auth()
                .oauth2(user.login().accessToken())
                .post("/auth/logout-all")
                .then()
                .statusCode(204));
    }

    @Test
    void logoutEndsTheBrowserSessionAndClearsItsCookie() {
        assertBrowserSessionEndsAfter(user -> given().auth()
                .oauth2(user.login().accessToken())
                .post("/auth/logout")
                .then()
                .statusCode(204)
                .header(
                        "Set-Cookie",
                        allOf(
                                containsString("gh_session="),
                                containsString("Max-Age=0"),
                                containsString("Path=/oauth2"))));
    }

    @Test
    void aPasswordChangeEndsTheBrowserSession() {
        assertBrowserSessionEndsAfter(user -> given().auth()
                .oauth2(user.login().accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "a-brand-new-passphrase-79"))
                .post("/api/users/me/password")
                .then()
                .statusCode(204));
    }

    @Test
    void aRoleChangeEndsTheBrowserSession() {
        assertBrowserSessionEndsAfter(user -> given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("user", "editor")))
                .put("/api/admin/users/" + user.id() + "/roles")
                .then()
                .statusCode(200));
    }

    @Test
    void anUntouchedBrowserSessionStillGetsACode() {
        assertBrowserSessionEndsAfter(null);
    }

    /** Logs a browser in, runs {@code end} (null: nothing), and checks whether the session still gives codes. */
    private static void assertBrowserSessionEndsAfter(Consumer<TestUser> end) {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        TestUser user = TestUsers.register();
        String session =
                BrowserFlow.login(client.id(), Pkce.create(), "first", user).getCookie("gh_session");
        assertNotNull(session);
        if (end != null) {
            end.accept(user);
        }
        var again = BrowserFlow.authorize(BrowserFlow.authorizeParams(client.id(), Pkce.create(), "second"), session);
        if (end == null) {
            again.then().statusCode(302).header("Location", containsString("code="));
        } else {
            again.then()
                    .statusCode(200)
                    .header("Location", org.hamcrest.Matchers.nullValue())
                    .body(containsString("name=\"password\""));
        }
    }
}
