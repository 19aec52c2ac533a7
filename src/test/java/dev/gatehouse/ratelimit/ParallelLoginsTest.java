package dev.gatehouse.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.Burst;
import dev.gatehouse.support.FromAnotherAddress;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login limits count failures, not attempts in flight: a classroom behind one address logging in
 * at once all gets in, while parallel wrong passwords still reach the password check exactly as
 * often as the limit allows (3 failures per address in this profile).
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@ExtendWith(FromAnotherAddress.class)
class ParallelLoginsTest {

    @TestHTTPResource("/auth/login")
    URI loginUri;

    @Test
    void parallelCorrectLoginsFromOneAddressAllSucceed() {
        TestUser user = TestUsers.register();
        List<Integer> statuses = Burst.postJson(
                loginUri,
                Map.of("X-Forwarded-For", FromAnotherAddress.randomIp()),
                "{\"email\":\"" + user.email() + "\",\"password\":\"" + user.password() + "\"}",
                20);
        assertEquals(Collections.nCopies(20, 200), statuses);
    }

    @Test
    void parallelWrongLoginsFromOneAddressReachThePasswordCheckOnlyAsOftenAsTheLimit() {
        TestUser user = TestUsers.register();
        List<Integer> statuses = Burst.postJson(
                loginUri,
                Map.of("X-Forwarded-For", FromAnotherAddress.randomIp()),
                "{\"email\":\"" + user.email() + "\",\"password\":\"wrong-password-x\"}",
                12);
        assertEquals(3, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }
}
