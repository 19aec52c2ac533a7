package dev.gatehouse.oauth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.FailoverRedisDatabase;
import dev.gatehouse.support.RedisReplication;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * An authorization code is single use (RFC 6749 §4.1.2), and its use is a mark in Redis. A failover
 * can lose the last second of the old master's writes (see {@code RedisHistoryTest}); the code then
 * stands there unspent again. Every code issued before the failover is refused from then on.
 */
@QuarkusTest
@TestProfile(FailoverRedisDatabase.class)
class AuthorizationCodeFailoverTest {

    @Inject
    RedisDataSource redis;

    @Test
    void aCodeWhoseUseAFailoverLostCannotBeExchangedAgain() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        Pkce pkce = Pkce.create();
        String code = code(client, pkce);
        String key = "gh:code:" + OpaqueTokens.sha256Hex(code);
        String stored = redis.value(String.class).get(key);
        long left = redis.key().pttl(key);
        BrowserFlow.exchange(client, code, pkce).then().statusCode(200);

        // the promoted replica never saw the exchange take the code
        redis.value(String.class).set(key, stored, new SetArgs().px(left));
        redis.key().del("gh:code-spent:" + OpaqueTokens.sha256Hex(code));
        RedisReplication.recordAnotherHistory(redis);

        assertEquals(
                503, BrowserFlow.exchange(client, code, pkce).statusCode(), "the first check finds another history");
        BrowserFlow.exchange(client, code, pkce).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCodeIssuedAfterTheFailoverIsExchanged() {
        TestClient client = TestClients.publicClient("read", "authorization_code");
        RedisReplication.recordAnotherHistory(redis);
        assertEquals(
                503, BrowserFlow.exchange(client, "no-such-code", Pkce.create()).statusCode(), "the epoch moves");

        Pkce pkce = Pkce.create();
        BrowserFlow.exchange(client, code(client, pkce), pkce).then().statusCode(200);
    }

    private static String code(TestClient client, Pkce pkce) {
        Response redirect = BrowserFlow.login(client.id(), pkce, "s", TestUsers.register());
        return BrowserFlow.query(redirect).get("code");
    }
}
