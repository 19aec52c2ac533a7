package dev.gatehouse.denylist;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis losing all its data (a restart without persistence, a flush, a failover to an empty
 * replica) takes the denylist with it: no revoked access token may come back to life.
 */
@QuarkusTest
@TestProfile(RedisDataLossTest.OwnRedisDatabase.class)
class RedisDataLossTest {

    /** A Redis database of its own, since the test flushes it. */
    public static class OwnRedisDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:6379/5");
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void aLoggedOutAccessTokenStaysRefusedWhenRedisLosesItsData() {
        Session session = TestUsers.register().login();
        given().auth().oauth2(session.accessToken()).post("/auth/logout").then().statusCode(204);
        assertEquals(401, me(session.accessToken()));

        redis.execute("FLUSHDB");

        assertEquals(503, me(session.accessToken()), "the first check finds the data gone: it fails closed");
        assertEquals(401, me(session.accessToken()), "then everything issued before the loss is refused");
    }

    @Test
    void afterTheLossARefreshGivesAnAccessTokenThatIsAccepted() {
        Session session = TestUsers.register().login();
        assertEquals(200, me(session.accessToken()));

        redis.execute("FLUSHDB");

        assertEquals(503, me(session.accessToken()));
        assertEquals(401, me(session.accessToken()), "a token from before the loss, never revoked, is refused too");
        String fresh = session.refreshedAccessToken();
        assertEquals(200, me(fresh), "refresh tokens live in PostgreSQL: the session goes on");
    }

    private static int me(String accessToken) {
        return given().auth().oauth2(accessToken).get("/api/users/me").statusCode();
    }
}
