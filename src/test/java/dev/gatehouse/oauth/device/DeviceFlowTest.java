package dev.gatehouse.oauth.device;

import static dev.gatehouse.oauth.device.DeviceClients.GRANT;
import static dev.gatehouse.oauth.device.DeviceClients.authorize;
import static dev.gatehouse.oauth.device.DeviceClients.poll;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.DeviceBrowser;
import dev.gatehouse.support.DeviceBrowser.Form;
import dev.gatehouse.support.Jwts;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RFC 8628: the device authorization endpoint, the verification page and polling the token endpoint. */
@QuarkusTest
class DeviceFlowTest {

    /** The test profile's polling interval (gatehouse.device.interval). */
    static final long INTERVAL_MILLIS = 1000;

    private static TestClient deviceClient() {
        return TestClients.confidential("read write", GRANT, "refresh_token");
    }

    static JsonPath start(TestClient client) {
        return authorize(client, Map.of("scope", "read"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void deviceAuthorizationAnswersATypableUserCodeAndWhereToEnterIt() {
        Response response = authorize(deviceClient(), Map.of("scope", "read"))
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("device_code", notNullValue())
                .body("user_code", matchesPattern("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"))
                .body("verification_uri", equalTo(TestIssuer.url("/oauth2/device")))
                .body("expires_in", equalTo(600))
                .body("interval", equalTo((int) (INTERVAL_MILLIS / 1000)))
                .extract()
                .response();
        assertEquals(
                TestIssuer.url("/oauth2/device?user_code=" + response.path("user_code")),
                response.path("verification_uri_complete"));
    }

    @Test
    void pollingIsPendingWhileTheBrowserApprovesThenIssuesTokensOnce() throws Exception {
        TestClient client = deviceClient();
        TestUser user = TestUsers.register();
        JsonPath started = start(client);
        String deviceCode = started.getString("device_code");
        List<String> answers = new ArrayList<>();
        CompletableFuture<Response> poller = CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < 30; i++) {
                Response response = poll(client, deviceCode);
                if (response.statusCode() == 200) {
                    return response;
                }
                answers.add(response.statusCode() + " " + response.path("error"));
                sleep(INTERVAL_MILLIS + 200);
            }
            return null;
        });
        sleep(INTERVAL_MILLIS / 2);
        DeviceBrowser.signInAndDecide(started.getString("user_code"), user, true);

        Response tokens = poller.get(40, TimeUnit.SECONDS);
        assertTrue(answers.contains("400 authorization_pending"), answers.toString());
        assertTrue(answers.stream().allMatch("400 authorization_pending"::equals), answers.toString());
        tokens.then()
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("refresh_token", notNullValue())
                .body("scope", equalTo("read"));
        Map<String, Object> claims = Jwts.payload(tokens.path("access_token"));
        assertEquals(user.id(), claims.get("sub"));
        assertEquals(client.id(), claims.get("client_id"));

        sleep(INTERVAL_MILLIS + 200);
        poll(client, deviceCode).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aBrowserWithASessionApprovesWithoutSigningInAgainAndTheCodeIsCaseInsensitive() {
        TestClient client = deviceClient();
        TestUser user = TestUsers.register();
        String session = DeviceBrowser.signInAndDecide(start(client).getString("user_code"), user, true);

        JsonPath second = start(client);
        String typed = second.getString("user_code").replace("-", "").toLowerCase();
        Form codeForm = Form.of(DeviceBrowser.codePage(null));
        Response consent = DeviceBrowser.enter(codeForm, " " + typed + " ", session)
                .then()
                .statusCode(200)
                .body(not(containsString("name=\"password\"")))
                .body(containsString(second.getString("user_code")))
                .extract()
                .response();
        DeviceBrowser.decide(Form.of(consent), session, true).then().statusCode(200);
        sleep(INTERVAL_MILLIS + 200);
        Response tokens = poll(client, second.getString("device_code"))
                .then()
                .statusCode(200)
                .extract()
                .response();
        assertEquals(user.id(), Jwts.payload(tokens.path("access_token")).get("sub"));
    }

    @Test
    void theCompleteVerificationUriPrefillsTheCode() {
        String userCode = start(deviceClient()).getString("user_code");
        DeviceBrowser.codePage(userCode)
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("form-action 'self'"))
                .body(containsString("value=\"" + userCode + "\""));
    }

    @Test
    void denyingAnswersAccessDenied() {
        TestClient client = deviceClient();
        JsonPath started = start(client);
        DeviceBrowser.signInAndDecide(started.getString("user_code"), TestUsers.register(), false);
        poll(client, started.getString("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void pollingFasterThanTheIntervalAnswersSlowDownAndTheIntervalGrowsByFiveSeconds() {
        TestClient client = deviceClient();
        String deviceCode = start(client).getString("device_code");
        poll(client, deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));
        poll(client, deviceCode).then().statusCode(400).body("error", equalTo("slow_down"));
        // RFC 8628 §3.5: the interval is now 5 s longer, so polling at the old interval is still too fast
        sleep(INTERVAL_MILLIS + 200);
        poll(client, deviceCode).then().statusCode(400).body("error", equalTo("slow_down"));
    }

    @Test
    void aUsedUserCodeCannotBeEnteredAgain() {
        String userCode = start(deviceClient()).getString("user_code");
        DeviceBrowser.signInAndDecide(userCode, TestUsers.register(), true);
        DeviceBrowser.enter(Form.of(DeviceBrowser.codePage(null)), userCode, null)
                .then()
                .statusCode(400)
                .body(containsString("not valid"));
    }

    @Test
    void anUnknownUserCodeShowsTheFormAgain() {
        DeviceBrowser.enter(Form.of(DeviceBrowser.codePage(null)), "BCDF-GHJK", null)
                .then()
                .statusCode(400)
                .body(containsString("not valid"))
                .body(containsString("name=\"user_code\""));
    }

    @Test
    void aCodeFormWithoutItsCsrfTokenIsRefused() {
        String userCode = start(deviceClient()).getString("user_code");
        Form codeForm = Form.of(DeviceBrowser.codePage(null));
        DeviceBrowser.enter(new Form(codeForm.fields(), null), userCode, null)
                .then()
                .statusCode(403);
        DeviceBrowser.enter(new Form(Map.of("csrf", "forged"), codeForm.cookie()), userCode, null)
                .then()
                .statusCode(403);
    }

    @Test
    void anApprovalWithoutItsCsrfTokenOrSessionIsRefused() {
        TestClient client = deviceClient();
        TestUser user = TestUsers.register();
        JsonPath started = start(client);
        Response login = DeviceBrowser.enter(
                        Form.of(DeviceBrowser.codePage(null)), started.getString("user_code"), null)
                .then()
                .statusCode(200)
                .extract()
                .response();
        Response consent = DeviceBrowser.signIn(Form.of(login), user.email(), user.password())
                .then()
                .statusCode(200)
                .extract()
                .response();
        Form form = Form.of(consent);
        Map<String, String> forged = Map.of("pending", form.fields().get("pending"), "csrf", "forged");
        DeviceBrowser.decide(new Form(forged, form.cookie()), consent.getCookie("gh_session"), true)
                .then()
                .statusCode(403);
        DeviceBrowser.decide(form, null, true).then().statusCode(403);
        poll(client, started.getString("device_code"))
                .then()
                .statusCode(400)
                .body("error", equalTo("authorization_pending"));
    }

    @Test
    void aWrongPasswordShowsTheSignInFormAgain() {
        String userCode = start(deviceClient()).getString("user_code");
        TestUser user = TestUsers.register();
        Response login = DeviceBrowser.enter(Form.of(DeviceBrowser.codePage(null)), userCode, null)
                .then()
                .statusCode(200)
                .extract()
                .response();
        DeviceBrowser.signIn(Form.of(login), user.email(), "wrong-password-entirely")
                .then()
                .statusCode(401)
                .body(containsString("name=\"password\""));
    }

    @Test
    void aClientNotRegisteredForTheDeviceGrantIsRefused() {
        TestClient other = TestClients.confidential("read", "client_credentials");
        authorize(other, Map.of()).then().statusCode(400).body("error", equalTo("unauthorized_client"));
        poll(other, "anything").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void aScopeBeyondTheClientsIsRefused() {
        authorize(deviceClient(), Map.of("scope", "read admin"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void aWrongClientSecretIsRefused() {
        TestClient client = deviceClient();
        authorize(new TestClient(client.id(), "wrong"), Map.of())
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void aPublicClientAsksWithItsClientIdAlone() {
        TestClient app = TestClients.publicClient("read", GRANT);
        JsonPath started = start(app);
        DeviceBrowser.signInAndDecide(started.getString("user_code"), TestUsers.register(), true);
        sleep(INTERVAL_MILLIS + 200);
        poll(app, started.getString("device_code")).then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void aDeviceCodeOfAnotherClientIsInvalidGrant() {
        String deviceCode = start(deviceClient()).getString("device_code");
        poll(deviceClient(), deviceCode).then().statusCode(400).body("error", equalTo("invalid_grant"));
        poll(deviceClient(), "no-such-code").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void discoveryAdvertisesTheDeviceEndpointAndGrant() {
        given().get("/.well-known/oauth-authorization-server")
                .then()
                .statusCode(200)
                .body("device_authorization_endpoint", equalTo(TestIssuer.url("/oauth2/device_authorization")))
                .body("grant_types_supported", hasItem(GRANT));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
