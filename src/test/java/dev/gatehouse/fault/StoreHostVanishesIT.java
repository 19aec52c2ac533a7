package dev.gatehouse.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.audit.PrometheusScrape;
import dev.gatehouse.support.Burst;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store's host vanishes under a replica's open connections, as after a failover (the old
 * primary's pod or node is gone, its packets dropped, no reset comes back), while new connections
 * reach the store. A replica must leave the dead connections within seconds, and count the 503s it
 * answered meanwhile under the store that failed, so that an operator's alert names it. PostgreSQL:
 * before {@code gatehouse.postgres.tcp-user-timeout} each connection stayed in use until the kernel
 * gave up retransmitting (about 15 minutes), and with the pool full of them the replica answered
 * 503 to everything that reads PostgreSQL. Redis: {@code quarkus.redis.tcp.read-idle-timeout}
 * closes a connection that hears nothing. Needs root and {@code tc} ({@link Blackhole}).
 */
class StoreHostVanishesIT {

    private static final String DATABASE = "gatehouse_vanish";
    private static final int POOL = 8;
    private static final int BURST = 40; // five requests for each of the SQL pool's connections
    private static final String ERRORS = "gatehouse_store_errors_total";

    private static CuttableProxy postgres;
    private static CuttableProxy redis;
    private static Replica replica;

    @BeforeAll
    static void replica() throws Exception {
        assumeTrue(Blackhole.available(), "needs root and tc (iproute2) to drop packets on loopback");
        Replica.freshDatabase(DATABASE);
        postgres = new CuttableProxy(Stores.POSTGRES_PORT);
        redis = new CuttableProxy(Stores.REDIS_PORT);
        Map<String, String> env = Replica.prodEnv(DATABASE, Replica.randomMasterKey());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE);
        // a Redis db of its own: its bursts would fill the per-address limits of the other suites' replicas (db 8)
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redis.port() + "/9");
        env.put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", Integer.toString(POOL));
        env.put("GATEHOUSE_POSTGRES_TCP_USER_TIMEOUT", "3s");
        env.put("GATEHOUSE_REQUEST_TIMEOUT", "10s");
        env.put("GATEHOUSE_RATE_LIMIT_API_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_REGISTER_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_MAX", "100000000");
        replica = new Replica("store-host-vanishes", env).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {replica, postgres, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aReplicaLeavesTheConnectionsOfAVanishedPostgresHostWithinSecondsAndNamesTheStore() throws Exception {
        assertServedAgainAfterTheHostVanishes(postgres, "postgres", POOL);
    }

    @Test
    void aReplicaLeavesTheConnectionsOfAVanishedRedisHostWithinSecondsAndNamesTheStore() throws Exception {
        assertServedAgainAfterTheHostVanishes(redis, "redis", 1);
    }

    /**
     * A burst opens the store's connections; then their packets vanish, and bursts of the same
     * requests (which read both stores) go on until one is served whole, within 45 s.
     */
    private static void assertServedAgainAfterTheHostVanishes(CuttableProxy store, String label, int connections)
            throws Exception {
        String email = "vanish-" + UUID.randomUUID() + "@faults.test";
        assertEquals(201, Api.register(replica.url(), email).status());
        String token = Api.login(replica.url(), email, Api.PASSWORD).string("token");
        URI me = URI.create(replica.url() + "/api/users/me");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        assertEquals(Collections.nCopies(BURST, 200), Burst.get(me, bearer, BURST), "before the host vanished");
        Set<Integer> held = store.clientPorts();
        assertTrue(held.size() >= connections, "the burst should have opened the connections: " + held);

        String before = replica.metrics();
        List<String> rounds = new ArrayList<>();
        try (Blackhole ignored = Blackhole.of(store.port(), held)) {
            long start = System.nanoTime();
            boolean served = false;
            while (!served && System.nanoTime() - start < Duration.ofSeconds(45).toNanos()) {
                List<Integer> statuses = Burst.get(me, bearer, BURST);
                served = statuses.stream().allMatch(status -> status == 200);
                rounds.add(Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s: "
                        + statuses.stream().filter(status -> status != 200).count() + " not 200");
            }
            assertTrue(served, "still refused 45 s after the host vanished: " + rounds);
        }
        String after = replica.metrics();
        double named = errors(after, label) - errors(before, label);
        double unnamed = errors(after, "unknown") - errors(before, "unknown");
        assertTrue(named > 0, "no 503 was counted under store=\"" + label + "\": " + rounds);
        assertEquals(0, unnamed, "503s counted under store=\"unknown\" (" + named + " under " + label + ")");
    }

    private static double errors(String metrics, String store) {
        return PrometheusScrape.value(metrics, ERRORS, Map.of("store", store));
    }
}
