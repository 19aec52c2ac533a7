package dev.gatehouse.oauth.device;

import static dev.gatehouse.oauth.device.DeviceClients.GRANT;
import static dev.gatehouse.oauth.device.DeviceClients.poll;
import static dev.gatehouse.support.FromAnotherAddress.randomIp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.gatehouse.support.DeviceBrowser;
import dev.gatehouse.support.DeviceBrowser.Form;
import dev.gatehouse.support.FromAnotherAddress;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RFC 8628 §5.1 and §5.2 with small limits: guessing user codes and asking for device codes are
 * limited per client address; device codes expire. 127.0.0.1 is a trusted proxy here, so each
 * test speaks for addresses of its own through {@code X-Forwarded-For}.
 */
@QuarkusTest
@TestProfile(DeviceLimitsTest.SmallDeviceLimits.class)
@ExtendWith(FromAnotherAddress.class)
class DeviceLimitsTest {

    public static class SmallDeviceLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new java.util.HashMap<>(FromAnotherAddress.trustLoopbackProxy());
            settings.putAll(Map.ofEntries(
                    Map.entry("gatehouse.rate-limit.device-code.max", "3"),
                    Map.entry("gatehouse.rate-limit.device-authorization.max", "3"),
                    Map.entry("gatehouse.device.code-ttl", "2s")));
            return settings;
        }
    }

    @Test
    void guessedUserCodesAreLimitedPerAddress() {
        TestClient client = TestClients.confidential("read", GRANT);
        String userCode = DeviceClients.authorize(client, Map.of())
                .then()
                .statusCode(200)
                .extract()
                .path("user_code");
        String guesser = randomIp();
        Form form = Form.of(DeviceBrowser.codePage(null));
        for (String guess : new String[] {"BCDF-GHJK", "BBBB-BBBB", "ZZZZ-ZZZZ"}) {
            enterFrom(guesser, form, guess).then().statusCode(400);
        }
        // the right code from the guessing address is refused too: the limit counts attempts
        enterFrom(guesser, form, userCode).then().statusCode(429).header("Retry-After", notNullValue());
        enterFrom(randomIp(), form, userCode).then().statusCode(200);
    }

    @Test
    void deviceAuthorizationRequestsAreLimitedPerAddress() {
        TestClient client = TestClients.confidential("read", GRANT);
        String ip = randomIp();
        for (int i = 0; i < 3; i++) {
            authorizeFrom(ip, client).then().statusCode(200);
        }
        authorizeFrom(ip, client).then().statusCode(429).body("error", equalTo("rate_limited"));
        authorizeFrom(randomIp(), client).then().statusCode(200);
    }

    @Test
    void anExpiredDeviceCodeAnswersExpiredTokenAndItsUserCodeIsGone() throws InterruptedException {
        TestClient client = TestClients.confidential("read", GRANT);
        Response started = DeviceClients.authorize(client, Map.of())
                .then()
                .statusCode(200)
                .body("expires_in", equalTo(2))
                .extract()
                .response();
        Thread.sleep(2200);
        poll(client, started.path("device_code")).then().statusCode(400).body("error", equalTo("expired_token"));
        enterFrom(randomIp(), Form.of(DeviceBrowser.codePage(null)), started.path("user_code"))
                .then()
                .statusCode(400);
    }

    private static Response enterFrom(String ip, Form form, String userCode) {
        return given().header("X-Forwarded-For", ip)
                .contentType(ContentType.URLENC)
                .cookie(DeviceBrowser.COOKIE, form.cookie())
                .formParams(Map.of("csrf", form.fields().get("csrf"), "user_code", userCode))
                .post("/oauth2/device");
    }

    private static Response authorizeFrom(String ip, TestClient client) {
        return given().header("X-Forwarded-For", ip)
                .contentType(ContentType.URLENC)
                .auth()
                .preemptive()
                .basic(client.id(), client.secret())
                .post("/oauth2/device_authorization");
    }
}
