package dev.gatehouse.denylist;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatehouse.support.RedisReplication;
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
 * A failover that loses the denylist's last marks but keeps every older key: Redis replicates
 * asynchronously, and a replica Sentinel promotes lacks what the old master took just before (a
 * planned failover lost 63 of 150 logouts made across it, each answered 204, before this check).
 * The test stands for it on one server: it deletes the marks, and records in {@code gh:history}
 * another replication history than the server's, as a promoted replica holds the old master's.
 * {@code RedisSentinelFailoverIT} runs the real failover.
 */
@QuarkusTest
@TestProfile(RedisHistoryTest.OwnRedisDatabase.class)
class RedisHistoryTest {

    /** A Redis database of its own, since the test deletes the denylist's keys. */
    public static class OwnRedisDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:6379/6");
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void aLogoutWhoseMarkAFailoverLostStaysInForceOnAProtectedRoute() {
        Session session = TestUsers.register().login();
        given().auth().oauth2(session.accessToken()).post("/auth/logout").then().statusCode(204);
        assertEquals(401, me(session.accessToken()));

        failoverThatLostTheMarks();

        assertEquals(503, me(session.accessToken()), "the first check finds another history: it fails closed");
        assertEquals(401, me(session.accessToken()), "then everything issued before the failover is refused");
    }

    @Test
    void aLogoutWhoseMarkAFailoverLostStaysInForceAtUserinfo() {
        // userinfo reads the marks in a round trip of their own, not along a limit's script
        Session session = TestUsers.register().login();
        given().auth().oauth2(session.accessToken()).post("/auth/logout").then().statusCode(204);
        assertEquals(401, userinfo(session.accessToken()));

        failoverThatLostTheMarks();

        assertEquals(503, userinfo(session.accessToken()));
        assertEquals(401, userinfo(session.accessToken()));
    }

    @Test
    void afterTheFailoverARefreshGivesAnAccessTokenThatIsAccepted() {
        Session session = TestUsers.register().login();
        assertEquals(200, me(session.accessToken()));

        failoverThatLostTheMarks();

        assertEquals(503, me(session.accessToken()));
        assertEquals(401, me(session.accessToken()), "a token from before the failover, never revoked, is refused too");
        String fresh = session.refreshedAccessToken();
        assertEquals(200, me(fresh), "refresh tokens live in PostgreSQL: the session goes on");
        assertEquals(replicationId(), redis.value(String.class).get(RedisHistory.KEY), "the new history is recorded");
    }

    @Test
    void aRedisWhoseHistoryWasNeverRecordedRefusesNoToken() {
        // an earlier version of Gatehouse wrote this Redis: nothing is known lost
        Session session = TestUsers.register().login();
        redis.key().del(RedisHistory.KEY);

        assertEquals(200, me(session.accessToken()));
        assertEquals(200, me(session.accessToken()));
        assertEquals(replicationId(), redis.value(String.class).get(RedisHistory.KEY));
    }

    /** What a promoted replica holds: the old master's keys up to a point, under a history of its own. */
    private void failoverThatLostTheMarks() {
        String current = replicationId();
        for (String pattern : new String[] {"gh:deny:*", "gh:sid:*", "gh:nbf:*"}) {
            redis.key().keys(pattern).forEach(key -> redis.key().del(key));
        }
        String other = "0".repeat(40);
        assertNotEquals(current, other);
        redis.value(String.class).set(RedisHistory.KEY, other);
    }

    private String replicationId() {
        return RedisReplication.id(redis);
    }

    private static int me(String accessToken) {
        return given().auth().oauth2(accessToken).get("/api/users/me").statusCode();
    }

    private static int userinfo(String accessToken) {
        return given().auth().oauth2(accessToken).get("/oauth2/userinfo").statusCode();
    }
}
