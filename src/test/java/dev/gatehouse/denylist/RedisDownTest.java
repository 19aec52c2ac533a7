package dev.gatehouse.denylist;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.audit.PrometheusScrape;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestLog;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With Redis unreachable, protected endpoints fail closed: 503, never a token accepted unchecked. */
@QuarkusTest
@TestProfile(RedisDownTest.DeadRedis.class)
class RedisDownTest {

    @Inject
    Pool pool;

    public static class DeadRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // port 1 on loopback: nothing listens there, connections are refused at once
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "gatehouse.rate-limit.login.account-max", "3");
        }
    }

    @Test
    void protectedEndpointAnswersServiceUnavailableWhenRedisIsDown() {
        String token = TestUsers.register().login().accessToken();
        given().auth()
                .oauth2(token)
                .get("/api/users/me")
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .body("error", equalTo("temporarily_unavailable"))
                .body(not(containsString("redis")))
                .body(not(containsString("Exception")));
    }

    @Test
    void introspectionOfAnAccessTokenAnswersServiceUnavailableWhenRedisIsDown() throws Throwable {
        // the request limit falls back to memory, but the denylist marks cannot be read: not "active"
        TestClient client = registered(); // the admin API itself is behind the denylist check
        String token = client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        client.post("/oauth2/introspect", Map.of("token", token))
                .then()
                .statusCode(503)
                .body("error", equalTo("temporarily_unavailable"))
                .body(not(containsString("active")));
    }

    @Test
    void anOutageUnderLoadLogsOneErrorLineNotOnePerRequest() {
        String token = TestUsers.register().login().accessToken();
        double faults = redisFaults();
        long lines = TestLog.errors("");
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(503);
        }
        assertTrue(TestLog.errors("") - lines <= 1, "at most one line per ten seconds (FaultLog): see " + TestLog.FILE);
        assertTrue(redisFaults() - faults >= 20, "yet every fault is counted");
        assertTrue(
                TestLog.errors("Redis denylist check failed") > 0,
                "the outage was logged at all (the log is read): see " + TestLog.FILE);
    }

    private static double redisFaults() {
        return PrometheusScrape.value("gatehouse_store_errors_total", Map.of("store", "redis"));
    }

    @Test
    void accountLimitHoldsInThisReplicasMemoryWhileRedisIsDown() {
        var user = TestUsers.register();
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json")
                    .body(Map.of("email", user.email(), "password", "wrong-password-" + i))
                    .post("/auth/login")
                    .then()
                    .statusCode(401)
                    .header("RateLimit-Limit", "3");
        }
        given().contentType("application/json")
                .body(Map.of("email", user.email(), "password", user.password()))
                .post("/auth/login")
                .then()
                .statusCode(429)
                .body("error", equalTo("rate_limited"));
    }

    @Test
    void logoutAnswersServiceUnavailableAndLeavesTheSessionUsable() {
        var session = TestUsers.register().login();
        given().auth()
                .oauth2(session.accessToken())
                .post("/auth/logout")
                .then()
                .statusCode(503)
                .body("error", equalTo("temporarily_unavailable"));
        // nothing was half-done: the refresh family is still alive for a retry
        assertRefreshes(session.refreshToken());
    }

    @Test
    void logoutWithTheRefreshTokenAnswersServiceUnavailableAndRevokesNothing() {
        var session = TestUsers.register().login();
        given().contentType("application/json")
                .body(Map.of("refreshToken", session.refreshToken()))
                .post("/auth/logout")
                .then()
                .statusCode(503)
                .body("error", equalTo("temporarily_unavailable"));
        // the family's revocation was rolled back with the denylist write that failed
        assertRefreshes(session.refreshToken());
    }

    @Test
    void codeAndDeviceCodeExchangesAnswerServiceUnavailableNotInvalidGrant() throws Throwable {
        // the codes, their single use and the epoch that vouches for it all live in Redis: a client
        // told invalid_grant would start over, one told 503 retries the same code
        TestClient client = registered("authorization_code urn:ietf:params:oauth:grant-type:device_code");
        for (Map<String, String> exchange : List.of(
                Map.of("grant_type", "authorization_code", "code", "a-code", "code_verifier", "v".repeat(43)),
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", "a-code"))) {
            client.token(exchange)
                    .then()
                    .statusCode(503)
                    .body("error", equalTo("temporarily_unavailable"))
                    .body(not(containsString("redis")));
        }
    }

    private static void assertRefreshes(String refreshToken) {
        given().contentType("application/json")
                .body(Map.of("refreshToken", refreshToken))
                .post("/auth/refresh")
                .then()
                .statusCode(200);
    }

    /** A confidential client written straight into PostgreSQL, its secret stored as SHA-256 like every client's. */
    private TestClient registered() throws Throwable {
        return registered("client_credentials");
    }

    /** As {@link #registered()}, with these grant types (space-separated). */
    private TestClient registered(String grantTypes) throws Throwable {
        String id = "test-" + UUID.randomUUID();
        String secret = UUID.randomUUID().toString();
        byte[] hash = OpaqueTokens.sha256(secret);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        VertxContextSupport.subscribeAndAwait(
                () -> pool.preparedQuery("INSERT INTO oauth_client (client_id, client_name, "
                                + "secret_hash, redirect_uris, grant_types, token_endpoint_auth_method, scope, created_at, updated_at) "
                                + "VALUES ($1, 'Test client', $2, '', $4, 'client_secret_basic', 'read', $3, $3)")
                        .execute(Tuple.tuple()
                                .addString(id)
                                .addBuffer(Buffer.buffer(hash))
                                .addOffsetDateTime(now)
                                .addString(grantTypes)));
        return new TestClient(id, secret);
    }
}
