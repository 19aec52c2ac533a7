package dev.gatehouse.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.RedisCommands;
import dev.gatehouse.support.TestUsers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A request to {@code /api/**} with a bearer token costs Redis one command: the request limit and
 * the denylist marks are checked by one script (the rate limit first and the denylist after, in
 * two commands, would fail this).
 */
@QuarkusTest
class ProtectedRequestRedisTest {

    @Inject
    RedisDataSource redis;

    @Test
    void protectedApiRequestCostsOneRedisCommand() {
        String token = TestUsers.register().login().accessToken();
        for (int i = 0; i < 3; i++) { // pooled connections opened before counting
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        }
        RedisCommands commands = RedisCommands.count(redis);
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        }
        assertEquals(0, commands.since("mget"), "separate denylist lookups");
        assertEquals(
                25,
                commands.since("get"),
                "denylist marks read (the token's, its session's, the user's, gh:epoch, gh:history)");
        assertEquals(5, commands.since("info"), "the server's replication id, read in the same script");
        assertEquals(5, commands.scripts(), "scripts run");
    }
}
