package dev.gatehouse.denylist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.Burst;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every authenticated request asks Redis whether its token is revoked, over a small pool of
 * connections. A burst of requests larger than that pool waits for a connection; it is not refused
 * with 503 as though Redis were down (which also counted a store fault and logged an ERROR).
 */
@QuarkusTest
class ConcurrentRequestsTest {

    private static final int BURST = 120;

    @TestHTTPResource("/api/users/me")
    URI meUri;

    @Test
    void aBurstOfAuthenticatedRequestsLargerThanTheRedisPoolIsAllServed() {
        String accessToken = TestUsers.register().login().accessToken();

        List<Integer> statuses = Burst.get(meUri, Map.of("Authorization", "Bearer " + accessToken), BURST);

        assertEquals(Collections.nCopies(BURST, 200), statuses);
    }
}
