package dev.gatehouse.session.active;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditRow;
import dev.gatehouse.audit.AuditRows;
import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.Jwts;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A user sees where they are signed in and signs one device out; admins do the same for any user. */
@QuarkusTest
class SessionsResourceTest {

    private static final String PHONE = "Mozilla/5.0 (Linux; Android 15) Phone";
    private static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Laptop";

    @Test
    void listShowsEverySessionWithItsOriginAndMarksTheCallersOwn() {
        TestUser user = TestUsers.register();
        Session phone = loginFrom(user, PHONE);
        Session laptop = loginFrom(user, LAPTOP);

        JsonPath list = given().auth()
                .oauth2(laptop.accessToken())
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("items", hasSize(2))
                .extract()
                .jsonPath();

        Map<String, Object> phoneItem = item(list, sid(phone));
        Map<String, Object> laptopItem = item(list, sid(laptop));
        assertEquals(PHONE, phoneItem.get("userAgent"));
        assertEquals(LAPTOP, laptopItem.get("userAgent"));
        assertEquals("127.0.0.1", phoneItem.get("ip"));
        assertEquals("gatehouse", phoneItem.get("clientId"));
        assertEquals(false, phoneItem.get("current"));
        assertEquals(true, laptopItem.get("current"));
        assertNotNull(phoneItem.get("createdAt"));
        assertEquals(phoneItem.get("createdAt"), phoneItem.get("lastUsedAt"), "never refreshed: last used at login");
        assertEquals(
                Map.of("id", 0, "clientId", 0, "createdAt", 0, "lastUsedAt", 0, "userAgent", 0, "ip", 0, "current", 0)
                        .keySet(),
                phoneItem.keySet(),
                "the contract's fields, no more");
    }

    @Test
    void anOAuthClientsSessionIsListedUnderTheClientAndCanBeEnded() {
        TestUser user = TestUsers.register();
        TestClient client = TestClients.confidential("read", "password", "refresh_token");
        String refresh = client.token(Map.of(
                        "grant_type",
                        "password",
                        "username",
                        user.email(),
                        "password",
                        user.password(),
                        "scope",
                        "read"))
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");
        Session own = user.login();

        Map<String, Object> item = given().auth()
                .oauth2(own.accessToken())
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .extract()
                .jsonPath()
                .param("client", client.id())
                .getMap("items.find { it.clientId == client }");
        assertNotNull(item, "the client's session is listed");
        given().auth()
                .oauth2(own.accessToken())
                .delete("/api/users/me/sessions/" + item.get("id"))
                .then()
                .statusCode(204);
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCodeFlowSessionShowsTheBrowserThatSignedInNotTheClientsServer() {
        TestUser user = TestUsers.register();
        TestClient client = TestClients.confidential("read", "authorization_code", "refresh_token");
        BrowserFlow.Pkce pkce = BrowserFlow.Pkce.create();
        BrowserFlow.LoginForm form = BrowserFlow.loginForm(given().header("User-Agent", PHONE)
                .redirects()
                .follow(false)
                .queryParams(BrowserFlow.authorizeParams(client.id(), pkce, "s"))
                .get("/oauth2/authorize")
                .then()
                .statusCode(200)
                .extract()
                .response());
        var redirect = given().header("User-Agent", PHONE)
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .cookie("gh_authz", form.cookie())
                .formParams(Map.of(
                        "pending",
                        form.pending(),
                        "csrf",
                        form.csrf(),
                        "email",
                        user.email(),
                        "password",
                        user.password()))
                .post("/oauth2/authorize/login")
                .then()
                .statusCode(303)
                .extract()
                .response();
        String code = BrowserFlow.query(redirect).get("code");
        given().header("User-Agent", "client-backend/1.0")
                .auth()
                .preemptive()
                .basic(client.id(), client.secret())
                .contentType(ContentType.URLENC)
                .formParams(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        TestClients.REDIRECT_URI,
                        "code_verifier",
                        pkce.verifier()))
                .post("/oauth2/token")
                .then()
                .statusCode(200);

        Map<String, Object> item = given().auth()
                .oauth2(user.login().accessToken())
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .extract()
                .jsonPath()
                .param("client", client.id())
                .getMap("items.find { it.clientId == client }");
        assertEquals(PHONE, item.get("userAgent"), "the device the user signed in on");
    }

    @Test
    void aRefreshMovesLastUsedAtAndKeepsTheSessionId() throws InterruptedException {
        TestUser user = TestUsers.register();
        Session phone = loginFrom(user, PHONE);
        Thread.sleep(5);
        String refreshed = given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", phone.refreshToken()))
                .post("/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .path("token");

        Map<String, Object> item = given().auth()
                .oauth2(refreshed)
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .extract()
                .jsonPath()
                .getMap("items[0]");
        assertEquals(sid(phone), item.get("id"));
        assertTrue(
                ((String) item.get("lastUsedAt")).compareTo((String) item.get("createdAt")) > 0,
                "lastUsedAt " + item.get("lastUsedAt") + " after createdAt " + item.get("createdAt"));
        assertEquals(PHONE, item.get("userAgent"), "the session keeps the device it started on");
    }

    @Test
    void deletingASessionSignsThatDeviceOutAtOnceAndLeavesTheOthers() {
        TestUser user = TestUsers.register();
        Session phone = loginFrom(user, PHONE);
        Session laptop = loginFrom(user, LAPTOP);

        given().auth()
                .oauth2(laptop.accessToken())
                .delete("/api/users/me/sessions/" + sid(phone))
                .then()
                .statusCode(204);

        // the phone's access token stops at once, and its refresh token is dead
        given().auth().oauth2(phone.accessToken()).get("/api/users/me").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", phone.refreshToken()))
                .post("/auth/refresh")
                .then()
                .statusCode(401);
        // the laptop goes on, and the list no longer shows the phone
        given().auth()
                .oauth2(laptop.accessToken())
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(sid(laptop)));
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", laptop.refreshToken()))
                .post("/auth/refresh")
                .then()
                .statusCode(200);
    }

    @Test
    void deletingAnotherUsersSessionIsNotFoundAndLeavesItAlive() {
        Session victim = TestUsers.register().login();
        Session attacker = TestUsers.register().login();

        given().auth()
                .oauth2(attacker.accessToken())
                .delete("/api/users/me/sessions/" + sid(victim))
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));

        given().auth().oauth2(victim.accessToken()).get("/api/users/me").then().statusCode(200);
        given().auth()
                .oauth2(victim.accessToken())
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void unknownForgedAndEndedSessionIdsAreNotFound() {
        TestUser user = TestUsers.register();
        Session session = user.login();
        Session other = user.login();
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "%27%20or%201%3D1")) {
            given().auth()
                    .oauth2(session.accessToken())
                    .delete("/api/users/me/sessions/" + id)
                    .then()
                    .statusCode(404)
                    .body("error", equalTo("not_found"));
        }
        given().auth()
                .oauth2(session.accessToken())
                .delete("/api/users/me/sessions/" + sid(other))
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(session.accessToken())
                .delete("/api/users/me/sessions/" + sid(other))
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void theListNeverShowsAnotherUsersSessions() {
        Session mine = TestUsers.register().login();
        Session theirs = TestUsers.register().login();
        List<String> ids = given().auth()
                .oauth2(mine.accessToken())
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
        assertEquals(List.of(sid(mine)), ids);
        assertFalse(ids.contains(sid(theirs)));
    }

    @Test
    void deletingTheCallersOwnSessionEndsIt() {
        Session session = TestUsers.register().login();
        given().auth()
                .oauth2(session.accessToken())
                .delete("/api/users/me/sessions/" + sid(session))
                .then()
                .statusCode(204);
        given().auth().oauth2(session.accessToken()).get("/api/users/me").then().statusCode(401);
    }

    @Test
    void sessionDeletionIsAudited() {
        TestUser user = TestUsers.register();
        Session phone = user.login();
        Session laptop = user.login();
        given().auth()
                .oauth2(laptop.accessToken())
                .delete("/api/users/me/sessions/" + sid(phone))
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .delete("/api/admin/users/" + user.id() + "/sessions/" + sid(laptop))
                .then()
                .statusCode(204);

        flushAudit();
        List<AuditRow> rows = AuditRows.ofUser(user.id()).stream()
                .filter(row -> row.type.equals("session_revoked"))
                .toList();
        assertEquals(2, rows.size(), "one event per ended session");
        assertTrue(rows.stream().anyMatch(row -> row.detail.equals("session " + sid(phone))), "by the user");
        assertTrue(
                rows.stream().anyMatch(row -> row.detail.startsWith("session " + sid(laptop) + " by admin ")),
                "by an admin");
        assertTrue(rows.stream().allMatch(row -> "gatehouse".equals(row.clientId) && "success".equals(row.outcome)));
    }

    @Test
    void adminListsAndEndsAUsersSessions() {
        TestUser user = TestUsers.register();
        Session phone = loginFrom(user, PHONE);
        String admin = TestUsers.admin().accessToken();

        given().auth()
                .oauth2(admin)
                .get("/api/admin/users/" + user.id() + "/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(sid(phone)))
                .body("items[0].userAgent", equalTo(PHONE))
                .body("items[0].current", equalTo(false));
        given().auth()
                .oauth2(admin)
                .delete("/api/admin/users/" + user.id() + "/sessions/" + sid(phone))
                .then()
                .statusCode(204);
        given().auth().oauth2(phone.accessToken()).get("/api/users/me").then().statusCode(401);
        given().auth()
                .oauth2(admin)
                .get("/api/admin/users/" + user.id() + "/sessions")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void adminCannotEndASessionThroughTheWrongUser() {
        TestUser owner = TestUsers.register();
        TestUser other = TestUsers.register();
        Session session = owner.login();
        String admin = TestUsers.admin().accessToken();

        given().auth()
                .oauth2(admin)
                .delete("/api/admin/users/" + other.id() + "/sessions/" + sid(session))
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        given().auth().oauth2(session.accessToken()).get("/api/users/me").then().statusCode(200);
    }

    @Test
    void adminSessionsOfAnUnknownUserAreNotFound() {
        String admin = TestUsers.admin().accessToken();
        given().auth()
                .oauth2(admin)
                .get("/api/admin/users/" + UUID.randomUUID() + "/sessions")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        given().auth()
                .oauth2(admin)
                .get("/api/admin/users/not-a-uuid/sessions")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void aUserCannotReachTheAdminSessionEndpoints() {
        TestUser user = TestUsers.register();
        Session session = user.login();
        given().auth()
                .oauth2(session.accessToken())
                .get("/api/admin/users/" + user.id() + "/sessions")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().auth()
                .oauth2(session.accessToken())
                .delete("/api/admin/users/" + user.id() + "/sessions/" + sid(session))
                .then()
                .statusCode(403);
        given().get("/api/users/me/sessions").then().statusCode(401);
    }

    @Test
    void anOverlongUserAgentIsStoredCutTo256Characters() {
        TestUser user = TestUsers.register();
        String agent = "Agent/1.0 \"quoted\" <b>" + "x".repeat(1000);
        Session session = loginFrom(user, agent);
        String stored = given().auth()
                .oauth2(session.accessToken())
                .get("/api/users/me/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].userAgent");
        assertEquals(agent.substring(0, 256), stored);
    }

    private static Session loginFrom(TestUser user, String userAgent) {
        JsonPath body = given().contentType(ContentType.JSON)
                .header("User-Agent", userAgent)
                .body(Map.of("email", user.email(), "password", user.password()))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new Session(body.getString("token"), body.getString("refreshToken"));
    }

    static String sid(Session session) {
        return (String) Jwts.payload(session.accessToken()).get("sid");
    }

    private static Map<String, Object> item(JsonPath list, String id) {
        List<Map<String, Object>> items = list.getList("items");
        return items.stream()
                .filter(i -> id.equals(i.get("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session " + id + " in " + items));
    }

    private static void flushAudit() {
        Arc.container().instance(AuditLog.class).get().flush().await().atMost(Duration.ofSeconds(10));
    }
}
