package dev.gatehouse.oauth.device;

import static dev.gatehouse.oauth.device.DeviceClients.GRANT;
import static dev.gatehouse.oauth.device.DeviceClients.poll;
import static dev.gatehouse.oauth.device.DeviceFlowTest.INTERVAL_MILLIS;
import static dev.gatehouse.oauth.device.DeviceFlowTest.sleep;
import static dev.gatehouse.oauth.device.DeviceFlowTest.start;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.DeviceBrowser;
import dev.gatehouse.support.FailoverRedisDatabase;
import dev.gatehouse.support.RedisReplication;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A device code gives tokens once (RFC 8628 §3.5): the poll that takes them marks it spent in Redis.
 * A failover can lose that mark with the old master's last writes (see {@code RedisHistoryTest}); an
 * approval given before the failover then gives no tokens, and the device starts again.
 */
@QuarkusTest
@TestProfile(FailoverRedisDatabase.class)
class DeviceCodeFailoverTest {

    @Inject
    RedisDataSource redis;

    @Test
    void anApprovalWhosePollAFailoverLostGivesNoSecondTokens() {
        TestClient client = TestClients.confidential("read", GRANT);
        JsonPath started = start(client);
        String deviceCode = started.getString("device_code");
        DeviceBrowser.signInAndDecide(started.getString("user_code"), TestUsers.register(), true);
        poll(client, deviceCode).then().statusCode(200);

        // the promoted replica never saw the poll take the tokens
        redis.hash(String.class).hset("gh:device:" + OpaqueTokens.sha256Hex(deviceCode), "status", "approved");
        RedisReplication.recordAnotherHistory(redis);

        sleep(INTERVAL_MILLIS + 200);
        assertEquals(503, poll(client, deviceCode).statusCode(), "the first check finds another history");
        sleep(INTERVAL_MILLIS + 200);
        poll(client, deviceCode).then().statusCode(400).body("error", equalTo("expired_token"));
    }

    @Test
    void anApprovalAfterTheFailoverGivesTokens() {
        TestClient client = TestClients.confidential("read", GRANT);
        JsonPath started = start(client);
        RedisReplication.recordAnotherHistory(redis);
        assertEquals(503, poll(client, started.getString("device_code")).statusCode(), "the epoch moves");
        sleep(INTERVAL_MILLIS + 200);

        DeviceBrowser.signInAndDecide(started.getString("user_code"), TestUsers.register(), true);

        poll(client, started.getString("device_code")).then().statusCode(200);
    }
}
