package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without trusted proxies (the default), X-Forwarded-For cannot buy a client a fresh limit. */
@QuarkusTest
@TestProfile(UntrustedForwardedForTest.NoTrustedProxy.class)
class UntrustedForwardedForTest {

    public static class NoTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a window far longer than the test, so no counted request leaves it while the test runs
            return Map.of("gatehouse.rate-limit.oauth.max", "3", "gatehouse.rate-limit.oauth.window", "1h");
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        // the socket peer (127.0.0.1) is counted, whatever address each request claims
        String path = "/oauth2/revoke";
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = given().header("X-Forwarded-For", RateLimitTest.randomIp())
                    .formParam("token", "x")
                    .post(path)
                    .then()
                    .extract()
                    .statusCode();
        }
        given().header("X-Forwarded-For", RateLimitTest.randomIp())
                .formParam("token", "x")
                .post(path)
                .then()
                .statusCode(429)
                .body("error", equalTo("rate_limited"));
    }
}
