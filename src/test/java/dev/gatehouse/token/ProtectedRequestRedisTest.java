package dev.gatehouse.token;

import dev.gatehouse.support.TestUsers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A request to {@code /api/**} with a bearer token costs Redis one command: the request limit and
 * the denylist marks are checked by one script (the rate limit first and the denylist after, in
 * two commands, would fail this).
 */
@QuarkusTest
class ProtectedRequestRedisTest {

    private static final Pattern STAT = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)", Pattern.MULTILINE);

    @Inject
    RedisDataSource redis;

    @Test
    void protectedApiRequestCostsOneRedisCommand() {
        String token = TestUsers.register().login().accessToken();
        for (int i = 0; i < 3; i++) { // pooled connections opened before counting
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        }
        Map<String, Long> before = commandStats();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        }
        Map<String, Long> after = commandStats();
        // commandstats also counts what a script runs: the marks read inside the script show up as
        // get (two per request: the token's and the user's), a lookup of its own as mget
        assertEquals(5, delta(before, after, "eval") + delta(before, after, "evalsha"), "scripts run");
        assertEquals(0, delta(before, after, "mget"), "separate denylist lookups");
        assertEquals(10, delta(before, after, "get"), "denylist marks read");
    }

    private Map<String, Long> commandStats() {
        Matcher stat = STAT.matcher(redis.execute("INFO", "commandstats").toString());
        Map<String, Long> calls = new HashMap<>();
        while (stat.find()) {
            calls.put(stat.group(1), Long.parseLong(stat.group(2)));
        }
        return calls;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String command) {
        return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
    }
}
