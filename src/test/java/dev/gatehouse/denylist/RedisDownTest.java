package dev.gatehouse.denylist;

import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** With Redis unreachable, protected endpoints fail closed: 503, never a token accepted unchecked. */
@QuarkusTest
@TestProfile(RedisDownTest.DeadRedis.class)
class RedisDownTest {

    public static class DeadRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // port 1 on loopback: nothing listens there, connections are refused at once
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1",
                    "gatehouse.rate-limit.login.account-max", "3");
        }
    }

    @Test
    void protectedEndpointAnswersServiceUnavailableWhenRedisIsDown() {
        String token = TestUsers.register().login().accessToken();
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(503)
                .body("error", equalTo("temporarily_unavailable"))
                .body(not(containsString("redis")))
                .body(not(containsString("Exception")));
    }

    @Test
    void accountLimitHoldsInThisReplicasMemoryWhileRedisIsDown() {
        var user = TestUsers.register();
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body(Map.of("email", user.email(), "password", "wrong-password-" + i))
                    .post("/auth/login").then().statusCode(401).header("RateLimit-Limit", "3");
        }
        given().contentType("application/json").body(Map.of("email", user.email(), "password", user.password()))
                .post("/auth/login").then().statusCode(429).body("error", equalTo("rate_limited"));
    }

    @Test
    void logoutAnswersServiceUnavailableAndLeavesTheSessionUsable() {
        var session = TestUsers.register().login();
        given().auth().oauth2(session.accessToken()).post("/auth/logout").then().statusCode(503)
                .body("error", equalTo("temporarily_unavailable"));
        // nothing was half-done: the refresh family is still alive for a retry
        given().contentType("application/json").body(Map.of("refreshToken", session.refreshToken()))
                .post("/auth/refresh").then().statusCode(200);
    }
}
