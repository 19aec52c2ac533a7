package dev.gatehouse.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.fault.Api.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas of the packaged jar, as operators run them, sharing PostgreSQL and Redis through
 * proxies the test can cut: store faults answer 503 and never 500 or a half-done change,
 * SIGTERM cuts no request, {@code kill -9} in a refresh storm loses no session (the retry grace),
 * and what one replica does holds on the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasFaultIT {

    private static final String ADMIN_EMAIL = "admin-" + UUID.randomUUID() + "@faults.test";
    private static final String ADMIN_PASSWORD = "Adm1n-" + UUID.randomUUID();
    private static final int ACCOUNT_MAX = 4;

    private static CuttableProxy postgres;
    private static CuttableProxy redis;
    private static Replica a;
    private static Replica b;
    private static String clientId;
    private static String clientSecret;

    @BeforeAll
    static void twoReplicas() throws Exception {
        Stores.fresh();
        postgres = new CuttableProxy(Stores.POSTGRES_PORT);
        redis = new CuttableProxy(Stores.REDIS_PORT);
        a = new Replica("replica-a", env()).start();
        b = new Replica("replica-b", env()).start();
        String admin = Api.login(a.url(), ADMIN_EMAIL, ADMIN_PASSWORD).string("token");
        Answer client = Api.registerClient(
                a.url(),
                admin,
                new JsonObject()
                        .put("client_name", "fault suite")
                        .put("grant_types", new JsonArray().add("client_credentials"))
                        .put("scope", "jobs.run"));
        assertEquals(201, client.status(), client.body().encode());
        clientId = client.string("client_id");
        clientSecret = client.string("client_secret");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, postgres, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** The prod profile, with the settings the suite needs to see things within seconds. */
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + postgres.port() + "/" + Stores.DATABASE);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redis.port() + "/" + Stores.REDIS_DB);
        env.put("GATEHOUSE_ISSUER", "http://localhost:8080");
        env.put("GATEHOUSE_MASTER_KEY", MASTER_KEY);
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GATEHOUSE_KEYS_CHECK_INTERVAL", "1s");
        env.put("GATEHOUSE_TOKEN_REFRESH_RETRY_GRACE", "30s");
        env.put("GATEHOUSE_REQUEST_TIMEOUT", "3s");
        env.put("GATEHOUSE_PASSWORD_ARGON2_MEMORY_KIB", "7168");
        env.put("GATEHOUSE_RATE_LIMIT_API_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_OAUTH_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_CLIENT_AUTH_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_REGISTER_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_AUTHORIZE_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_ACCOUNT_MAX", Integer.toString(ACCOUNT_MAX));
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_MAX_DELAY", "0s");
        env.put("QUARKUS_SHUTDOWN_DELAY", "2s");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "10s");
        return env;
    }

    private static final String MASTER_KEY = Replica.randomMasterKey();

    @Test
    @Order(1)
    void logoutLimitsReuseAndKeyRotationHoldAcrossReplicas() throws Exception {
        String email = user();
        Answer session = Api.login(a.url(), email, Api.PASSWORD);
        assertEquals(200, Api.me(b.url(), session.string("token")).status());
        assertEquals(204, Api.logout(b.url(), session.string("token")).status());
        assertEquals(401, Api.me(a.url(), session.string("token")).status(), "logged out on B, refused on A");

        Answer second = Api.login(b.url(), email, Api.PASSWORD);
        Answer successor = Api.refresh(a.url(), second.string("refreshToken"));
        assertEquals(200, successor.status());
        assertEquals(200, Api.refresh(b.url(), successor.string("refreshToken")).status(), "A's rotation seen on B");
        assertEquals(401, Api.refresh(b.url(), second.string("refreshToken")).status(), "spent on A, reuse on B");
        assertEquals(401, Api.me(a.url(), second.string("token")).status(), "reuse ended the family everywhere");

        String victim = user();
        for (int i = 0; i < ACCOUNT_MAX; i++) {
            assertEquals(
                    401,
                    Api.login(i % 2 == 0 ? a.url() : b.url(), victim, "wrong-password-" + i + "-xxxxx")
                            .status());
        }
        assertEquals(429, Api.login(a.url(), victim, Api.PASSWORD).status(), "failures on both replicas add up");

        String admin = Api.login(a.url(), ADMIN_EMAIL, ADMIN_PASSWORD).string("token");
        assertEquals(200, Api.rotateKeys(a.url(), admin).status());
        String signedByNewKey = Api.login(a.url(), email, Api.PASSWORD).string("token");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Api.me(b.url(), signedByNewKey).status() != 200) {
            assertTrue(System.nanoTime() < deadline, "B never accepted a token signed by the key A rotated to");
            Thread.sleep(200);
        }
    }

    @Test
    @Order(2)
    void postgresCutMidTrafficAnswers503NeverA500AndLosesNoRefreshChain() throws Exception {
        assertStoreCutIsSurvived(postgres);
    }

    @Test
    @Order(3)
    void redisCutMidTrafficAnswers503NeverA500AndLosesNoRefreshChain() throws Exception {
        assertStoreCutIsSurvived(redis);
    }

    /**
     * A Redis that stops answering but keeps its connections (frozen, or its host gone from the
     * network): the reactive client has no command timeout, so before the connections' read-idle
     * bound every request waited for Redis as long as the stall lasted (readiness included), and this
     * test's client gave up after 20 s. Now each answers as when Redis is down, within seconds.
     */
    @Test
    @Order(4)
    void redisThatStopsAnsweringGivesAnswersWithinSecondsNotAHang() throws Exception {
        String email = user();
        String token = Api.login(a.url(), email, Api.PASSWORD).string("token");
        redis.stall();
        try {
            for (Replica replica : List.of(a, b)) {
                assertEquals(503, Api.me(replica.url(), token).status(), "revocation cannot be checked: fails closed");
                assertEquals(
                        200,
                        Api.clientCredentials(replica.url(), clientId, clientSecret)
                                .status(),
                        "client credentials go on, their limits in memory");
            }
        } finally {
            redis.resume();
        }
        awaitRecovery(email);
        assertEquals(200, Api.me(b.url(), token).status(), "served again once Redis answers");
    }

    /**
     * A PostgreSQL that stops answering but keeps its connections: Vert.x's client has no query
     * timeout, so a request that needed PostgreSQL waited as long as the stall lasted (this test's
     * client gave up after 20 s). Now it is answered 503 after {@code gatehouse.request-timeout} (3 s
     * here); what needs no PostgreSQL goes on, and a refresh that met the stall loses no session.
     */
    @Test
    @Order(5)
    void postgresThatStopsAnsweringGives503sAfterTheRequestTimeoutNotAHang() throws Exception {
        String email = user();
        Answer session = Api.login(a.url(), email, Api.PASSWORD);
        String serviceToken =
                Api.clientCredentials(a.url(), clientId, clientSecret).string("access_token");
        postgres.stall();
        try {
            Answer introspection = Api.introspect(a.url(), clientId, clientSecret, serviceToken);
            assertEquals(true, introspection.body().getBoolean("active"), "no PostgreSQL needed: " + introspection);
            Answer me = Api.me(a.url(), session.string("token"));
            assertEquals(503, me.status(), "the account is read from PostgreSQL: " + me.body());
            assertEquals("temporarily_unavailable", me.string("error"));
            assertEquals(
                    503, Api.refresh(b.url(), session.string("refreshToken")).status());
            byte[] chunked = concat(chunk(unknownAccountLogin()), chunk(new byte[0]));
            assertEquals(
                    "HTTP/1.1 503 Service Unavailable",
                    rawLogin("Transfer-Encoding: chunked\r\n\r\n", chunked, new byte[0], 0),
                    "a chunked body, all in, waits for the store no longer than any other");
            assertHttp2AnswerAtTheDeadline(session.string("token"));
            assertEquals(
                    503,
                    http2Login(unknownAccountLogin(), 0).statusCode(),
                    "an HTTP/2 body of no declared length, all in, waits for the store no longer than any other");
        } finally {
            postgres.resume();
        }
        awaitRecovery(email);
        assertEquals(
                200,
                Api.refresh(b.url(), session.string("refreshToken")).status(),
                "the refresh that met the stall committed late or not at all: its retry is answered");
        for (Replica replica : List.of(a, b)) { // the late work found its request answered: not a failure
            String log = java.nio.file.Files.readString(replica.log());
            assertTrue(
                    !log.contains("Unexpected failure") && !log.contains("QuarkusErrorHandler"),
                    "a late result was logged as a failed request: " + replica.log());
            // 3 s is below a login's longest deliberate wait: the operator was told at start
            assertTrue(
                    log.contains("gatehouse.request-timeout=3s is not above the longest wait a login makes"),
                    "no start warning about the short deadline: " + replica.log());
        }
    }

    /**
     * A client that sends its body slower than the deadline is not a store that stopped answering:
     * its request is answered as usual once the body is in, and counts no store fault (a slow
     * upload must not raise the store-fault alert).
     */
    @Test
    @Order(6)
    void aBodySentSlowerThanTheDeadlineIsAnsweredNot503() throws Exception {
        byte[] body = unknownAccountLogin();
        String head = "Content-Length: " + body.length + "\r\n\r\n";
        assertSlowBodyIsAnswered(
                head, java.util.Arrays.copyOfRange(body, 0, 10), java.util.Arrays.copyOfRange(body, 10, body.length));
    }

    /** The same with a body of unknown length (RFC 9112 §7.1: chunked), which carries no length to wait for. */
    @Test
    @Order(7)
    void aChunkedBodySentSlowerThanTheDeadlineIsAnsweredNot503() throws Exception {
        byte[] body = unknownAccountLogin();
        assertSlowBodyIsAnswered(
                "Transfer-Encoding: chunked\r\n\r\n",
                chunk(java.util.Arrays.copyOfRange(body, 0, 10)),
                concat(chunk(java.util.Arrays.copyOfRange(body, 10, body.length)), chunk(new byte[0])));
    }

    /** The same over HTTP/2 (cleartext), whose body of no declared length ends with its stream (RFC 9113 §8.1). */
    @Test
    @Order(8)
    void anHttp2BodySentSlowerThanTheDeadlineIsAnsweredNot503() throws Exception {
        java.net.http.HttpResponse<String> login = http2Login(unknownAccountLogin(), 4_500);
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, login.version(), "the login went over HTTP/2");
        assertEquals(401, login.statusCode(), "an unknown account, answered once the body came: " + login.body());
    }

    /**
     * A login to replica a over HTTP/2 (a GET first upgrades the connection) whose body has no
     * declared length and pauses {@code pauseMillis} after its first 10 bytes.
     */
    private java.net.http.HttpResponse<String> http2Login(byte[] body, long pauseMillis) throws Exception {
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        http2.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.url() + "/oauth2/jwks"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        java.util.function.Supplier<java.io.InputStream> slow = () -> new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream(body, 0, 10), new java.io.InputStream() {
                    private final java.io.InputStream rest =
                            new java.io.ByteArrayInputStream(body, 10, body.length - 10);
                    private boolean paused;

                    @Override
                    public int read() throws IOException {
                        if (!paused) {
                            paused = true;
                            sleep(pauseMillis);
                        }
                        return rest.read();
                    }
                });
        return http2.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.url() + "/auth/login"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(20))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(slow))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] unknownAccountLogin() {
        return new JsonObject()
                .put("email", "nobody-" + UUID.randomUUID() + "@faults.test")
                .put("password", "not-the-password-at-all")
                .encode()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] chunk(byte[] data) {
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return concat(concat(size, data), "\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Over HTTP/2 (cleartext, upgraded) the deadline's 503 carries no {@code Connection} header, which HTTP/2 forbids (RFC 9113 §8.2.2). */
    private void assertHttp2AnswerAtTheDeadline(String accessToken) throws Exception {
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        java.net.http.HttpResponse<String> me = http2.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.url() + "/api/users/me"))
                        .header("Authorization", "Bearer " + accessToken)
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, me.version(), "the answer came over HTTP/2");
        assertEquals(503, me.statusCode(), me.body());
        assertEquals("temporarily_unavailable", new JsonObject(me.body()).getString("error"));
        assertTrue(me.headers().firstValue("connection").isEmpty(), "no Connection header: " + me.headers());
    }

    /** A login whose body comes in two parts 4.5 s apart, past the replicas' 3 s deadline: 401, not 503. */
    private void assertSlowBodyIsAnswered(String bodyHeaders, byte[] first, byte[] rest) throws Exception {
        assertEquals(
                "HTTP/1.1 401 Unauthorized",
                rawLogin(bodyHeaders, first, rest, 4_500),
                "an unknown account, answered once the body came");
    }

    /** The status line of a login to replica a sent over a socket: the headers, a first part of the body, a pause, the rest. */
    private String rawLogin(String bodyHeaders, byte[] first, byte[] rest, long pauseMillis) throws Exception {
        java.net.URI base = java.net.URI.create(a.url());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(
                    ("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + bodyHeaders)
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(first);
            out.flush();
            Thread.sleep(pauseMillis);
            out.write(rest);
            out.flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private void assertStoreCutIsSurvived(CuttableProxy store) throws Exception {
        Instant start = Instant.now();
        AtomicLong issued = new AtomicLong();
        List<String> users = new ArrayList<>();
        List<String[]> sessions = new ArrayList<>(); // per worker: {access, refresh}
        for (int w = 0; w < 6; w++) {
            users.add(user());
            Answer login = Api.login(a.url(), users.get(w), Api.PASSWORD);
            sessions.add(new String[] {login.string("token"), login.string("refreshToken")});
        }
        Thread cutter = new Thread(() -> {
            sleep(1500);
            store.cut();
            sleep(2000);
            store.restore();
        });
        cutter.start();
        Traffic traffic = new Traffic().run(6, Duration.ofSeconds(6), (w, i) -> {
            String base = (w + i) % 2 == 0 ? a.url() : b.url();
            String[] session = sessions.get(w);
            return switch ((int) (i % 4)) {
                case 0 -> Api.login(base, users.get(w), Api.PASSWORD).status();
                case 1 -> {
                    int status =
                            Api.clientCredentials(base, clientId, clientSecret).status();
                    if (status == 200) {
                        issued.incrementAndGet();
                    }
                    yield status;
                }
                case 2 -> {
                    Answer refreshed = Api.refresh(base, session[1]);
                    if (refreshed.status() == 200) { // on 503 the token was not spent, or the retry grace covers it
                        session[0] = refreshed.string("token");
                        session[1] = refreshed.string("refreshToken");
                    }
                    yield refreshed.status();
                }
                default -> Api.me(base, session[0]).status();
            };
        });
        cutter.join();
        assertEquals(Map.of(), traffic.other(200, 503), "only 200 and 503 while the store was cut: " + traffic);
        assertTrue(traffic.count(503) > 0, "the cut was felt: " + traffic);

        awaitRecovery(users.get(0));
        for (String[] session : sessions) {
            assertEquals(200, Api.refresh(b.url(), session[1]).status(), "every refresh chain is still alive");
        }
        // the rows of tokens issued while the store was cut waited for it: none is lost
        awaitAuditRows("token_issued", clientId, start, issued.get());
    }

    private static void awaitAuditRows(String type, String client, Instant since, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Stores.auditRows(type, client, since) < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(expected, Stores.auditRows(type, client, since), type + " rows of client " + client);
    }

    /** What README's failure table says goes on serving while PostgreSQL is down, and its audit rows after. */
    @Test
    @Order(9)
    void postgresCutLeavesCachedClientsAndAccessTokenChecksServing() throws Exception {
        Instant start = Instant.now();
        String token = Api.clientCredentials(a.url(), clientId, clientSecret).string("access_token");
        String email = user();
        String userToken = Api.login(a.url(), email, Api.PASSWORD).string("token");
        postgres.cut();
        try {
            assertEquals(
                    200, Api.clientCredentials(a.url(), clientId, clientSecret).status(), "a cached client");
            Answer introspection = Api.introspect(a.url(), clientId, clientSecret, token);
            assertEquals(200, introspection.status());
            assertEquals(true, introspection.body().getBoolean("active"), "no PostgreSQL needed: " + introspection);
            assertEquals(503, Api.me(a.url(), userToken).status(), "the account is read from PostgreSQL");
        } finally {
            postgres.restore();
        }
        awaitRecovery(email);
        awaitAuditRows("token_issued", clientId, start, 2);
    }

    @Test
    @Order(10)
    void aShortSoakAcrossBothReplicasAnswersOnly2xxAndStoresEveryAuditRow() throws Exception {
        Instant start = Instant.now();
        List<String> users = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            users.add(user());
        }
        AtomicLong logins = new AtomicLong();
        Traffic traffic = new Traffic().run(4, Duration.ofSeconds(10), (w, i) -> {
            String base = i % 2 == 0 ? a.url() : b.url();
            Answer login = Api.login(base, users.get(w), Api.PASSWORD);
            if (login.status() != 200) {
                return login.status();
            }
            logins.incrementAndGet();
            Answer refreshed = Api.refresh(i % 2 == 0 ? b.url() : a.url(), login.string("refreshToken"));
            return refreshed.status() != 200
                    ? refreshed.status()
                    : Api.me(base, refreshed.string("token")).status();
        });
        assertEquals(Map.of(), traffic.other(200), "soak: " + traffic);
        // every login has exactly one audit row
        awaitAuditRows("login_succeeded", null, start, logins.get());
    }

    @Test
    @Order(11)
    void sigtermUnderLoadCutsNoRequestAndExitsCleanly() throws Exception {
        String token = Api.login(b.url(), user(), Api.PASSWORD).string("token");
        AtomicBoolean toA = new AtomicBoolean(true);
        AtomicLong down = new AtomicLong();
        AtomicLong terminated = new AtomicLong(Long.MAX_VALUE);
        Thread balancer = new Thread(
                () -> { // drops A once its readiness says DOWN, as endpoints do
                    while (a.alive() && a.ready()) {
                        sleep(100);
                    }
                    down.set(System.nanoTime());
                    toA.set(false);
                });
        balancer.start();
        Thread terminator = new Thread(() -> {
            sleep(1000);
            terminated.set(System.nanoTime());
            a.terminate();
        });
        terminator.start();
        Traffic traffic = new Traffic()
                .run(
                        16,
                        Duration.ofSeconds(5),
                        (w, i) -> Api.me(toA.get() ? a.url() : b.url(), token).status());
        terminator.join();
        balancer.join();
        // else the traffic left A before the SIGTERM, and the shutdown was not tested under load
        assertTrue(down.get() - terminated.get() >= 0, "A's readiness went DOWN before its SIGTERM; see " + a.log());
        assertEquals(
                Map.of(),
                traffic.other(200),
                "every request answered 200 through SIGTERM: " + traffic + " "
                        + traffic.cuts().stream().limit(3).toList());
        Integer exit = a.exitCode(Duration.ofSeconds(15));
        assertNotNull(exit, "A still runs long after SIGTERM; see " + a.log());
        assertEquals(0, exit, "A exits cleanly after SIGTERM");

        a = new Replica("replica-a2", env()).start();
    }

    @Test
    @Order(12)
    void killMinus9DuringARefreshStormLosesNoSessionWithinTheGrace() throws Exception {
        List<String[]> sessions = new ArrayList<>();
        for (int s = 0; s < 24; s++) {
            sessions.add(new String[] {Api.login(b.url(), user(), Api.PASSWORD).string("refreshToken")});
        }
        AtomicBoolean aDown = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            sleep(1500);
            try {
                a.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            aDown.set(true);
        });
        killer.start();
        AtomicLong retried = new AtomicLong();
        Traffic traffic = new Traffic().run(12, Duration.ofSeconds(4), (w, i) -> {
            String[] session = sessions.get((int) ((w + 12 * i) % sessions.size()));
            synchronized (session) {
                Answer answer;
                try {
                    answer = Api.refresh(aDown.get() || i % 2 == 1 ? b.url() : a.url(), session[0]);
                } catch (IOException lost) { // A died with the request: retry the same token on B
                    retried.incrementAndGet();
                    answer = Api.refresh(b.url(), session[0]);
                }
                if (answer.status() == 200) {
                    session[0] = answer.string("refreshToken");
                }
                return answer.status();
            }
        });
        killer.join();
        assertEquals(Map.of(), traffic.other(200), "storm: " + traffic + ", " + retried + " retried on B");
        for (String[] session : sessions) {
            assertEquals(200, Api.refresh(b.url(), session[0]).status(), "no session lost");
        }
    }

    @Test
    @Order(13)
    void aReplicaRefusesToStartOnARedisThatCouldEvictRevocations() throws Exception {
        String before = Stores.evictionPolicy("volatile-lru");
        try (Replica c = new Replica("replica-c", env())) {
            IllegalStateException refused =
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, c::start);
            assertTrue(refused.getMessage().contains("exited"), refused.getMessage());
            assertTrue(
                    java.nio.file.Files.readString(c.log()).contains("maxmemory-policy"), "the log names the setting");
        } finally {
            Stores.evictionPolicy(before);
        }
    }

    private static String user() throws IOException {
        String email = "fault-" + UUID.randomUUID() + "@faults.test";
        assertEquals(201, Api.register(a.alive() ? a.url() : b.url(), email).status());
        return email;
    }

    /** Both replicas log in again, without a restart, soon after the store came back. */
    private static void awaitRecovery(String email) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Replica replica : List.of(a, b)) {
            while (Api.login(replica.url(), email, Api.PASSWORD).status() != 200) {
                assertTrue(System.nanoTime() < deadline, "no recovery without a restart");
                Thread.sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
