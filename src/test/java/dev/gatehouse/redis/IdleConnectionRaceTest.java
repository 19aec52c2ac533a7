package dev.gatehouse.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.Burst;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The Redis client closes a pooled connection that has heard nothing for its read-idle bound, on
 * the connection's own event loop, while a request on another event loop may just have taken it
 * from the pool: its command then failed ("Connection is closed" before it was sent,
 * {@code CONNECTION_CLOSED} or a closed channel after) and the request was answered 503 as though
 * Redis were down. Bursts of requests arrive just under a second after the last, as a connection's
 * one-second bound is about to fire. With the pool's own retirement of idle connections at the
 * client's defaults (3 minutes, checked every 30 s) 2 to 22 of 400–720 requests were answered 503
 * in each of four runs; with application.properties' retirement, scaled here to the shorter bound,
 * none.
 */
@QuarkusTest
@TestProfile(IdleConnectionRaceTest.ShortIdleBound.class)
class IdleConnectionRaceTest {

    private static final int ROUNDS = 30;
    private static final int BURST = 16;

    public static class ShortIdleBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the shortest bound the client takes (it counts whole seconds), and the pool's retirement
            // of idle connections scaled with it as application.properties scales it for 2 s
            return Map.of(
                    "quarkus.redis.tcp.read-idle-timeout", "1s",
                    "quarkus.redis.pool-recycle-timeout", "250ms",
                    "quarkus.redis.pool-cleaner-interval", "250ms");
        }
    }

    @TestHTTPResource("/api/users/me")
    URI meUri;

    @Test
    void requestsRacingTheIdleCloseOfTheirRedisConnectionAreServed() throws InterruptedException {
        String accessToken = TestUsers.register().login().accessToken();
        Map<String, String> headers = Map.of("Authorization", "Bearer " + accessToken);
        Map<Integer, Integer> statuses = new TreeMap<>();

        for (int round = 0; round < ROUNDS; round++) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(975, 1010));
            List<Integer> burst = Burst.get(meUri, headers, BURST);
            burst.forEach(status -> statuses.merge(status, 1, Integer::sum));
        }

        assertEquals(Map.of(200, ROUNDS * BURST), statuses);
    }
}
