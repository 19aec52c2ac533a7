package dev.gatehouse.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.fault.Api.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A replica of the packaged jar on Redis behind Sentinel, as {@code k8s/overlays/production} runs
 * it, through the failovers an operator meets: a planned one ({@code SENTINEL FAILOVER}, Redis
 * maintenance) and a master that dies. Redis replicates asynchronously, so the promoted replica
 * lacks the writes the old master took just before: in the planned failover every logout of the
 * last second or so was lost (63 of 150 made across it, each answered 204, came back to life)
 * until the denylist learnt to tell Redis's histories apart ({@code RedisHistory}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelFailoverIT {

    private static final String DATABASE = "gatehouse_sentinel";
    private static final int SESSIONS = 100;
    private static final Duration LOGOUT_PACE = Duration.ofMillis(30);

    private static SentinelRedis redis;
    private static Replica replica;
    private static String email;

    @BeforeAll
    static void replica() throws Exception {
        assumeTrue(SentinelRedis.available(), "needs redis-server and redis-cli");
        redis = SentinelRedis.start();
        Replica.freshDatabase(DATABASE);
        Map<String, String> env = Replica.prodEnv(DATABASE, Replica.randomMasterKey());
        env.put("QUARKUS_REDIS_HOSTS", redis.hosts());
        env.put("QUARKUS_REDIS_CLIENT_TYPE", "sentinel");
        env.put("QUARKUS_REDIS_MASTER_NAME", SentinelRedis.MASTER_NAME);
        env.put("GATEHOUSE_RATE_LIMIT_API_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_REGISTER_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_ACCOUNT_MAX", "100000000");
        replica = new Replica("redis-sentinel", env).start();
        email = "sentinel-" + UUID.randomUUID() + "@example.com";
        assertEquals(201, Api.register(replica.url(), email).status());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {replica, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void aPlannedFailoverLosesNoLogout() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            tokens.add(login());
        }
        int oldMaster = redis.master();
        List<String> loggedOut = new ArrayList<>();
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (i == 10) {
                redis.failover(); // the rest of the logouts span the promotion and the switch
            }
            int status = Api.logout(replica.url(), tokens.get(i)).status();
            answers.add(status);
            if (status == 204) {
                loggedOut.add(tokens.get(i));
            }
            Thread.sleep(LOGOUT_PACE.toMillis());
        }
        redis.awaitNewMaster(oldMaster);
        assertTrue(answers.stream().allMatch(s -> s == 204 || s == 503), "logouts answered " + answers);

        List<Integer> afterwards = new ArrayList<>();
        for (String token : loggedOut) {
            afterwards.add(Api.me(replica.url(), token).status());
        }
        assertEquals(
                0,
                afterwards.stream().filter(s -> s == 200).count(),
                "logged-out tokens accepted after the failover (of " + loggedOut.size() + "): " + afterwards);
        assertTrue(afterwards.stream().allMatch(s -> s == 401 || s == 503), "then: " + afterwards);
        assertEquals(200, Api.me(replica.url(), login()).status(), "a new session is served by the new master");
    }

    @Test
    @Order(2)
    void aReplicaServesAgainWithoutARestartWhenTheMasterDies() throws Exception {
        int oldMaster = redis.master();
        String before = login();
        assertEquals(200, Api.me(replica.url(), before).status());

        redis.kill(oldMaster);
        List<Integer> logins = new ArrayList<>();
        List<Integer> checks = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!checks.contains(200) && System.nanoTime() < deadline) {
            Answer login = Api.login(replica.url(), email, Api.PASSWORD);
            logins.add(login.status());
            if (login.status() == 200) {
                checks.add(Api.me(replica.url(), login.string("token")).status());
            }
            Thread.sleep(100);
        }
        assertTrue(checks.contains(200), "never served again: logins " + logins + ", checks " + checks);
        assertTrue(logins.stream().allMatch(s -> s == 200 || s == 503), "logins: " + logins);
        // 503 while no master answers; 401 for a token issued before the new master's history was seen
        assertTrue(checks.stream().allMatch(s -> s == 200 || s == 401 || s == 503), "checks: " + checks);
        assertTrue(redis.master() != oldMaster, "the Sentinel promoted the replica");
        assertEquals(401, Api.me(replica.url(), before).status(), "a token from before the failover is refused once");
    }

    private static String login() throws Exception {
        Answer login = Api.login(replica.url(), email, Api.PASSWORD);
        assertEquals(200, login.status(), "login");
        return login.string("token");
    }
}
