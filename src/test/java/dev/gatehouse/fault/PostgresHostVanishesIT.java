package dev.gatehouse.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * PostgreSQL's host vanishes under a replica's open connections, as after a failover (the old
 * primary's pod or node is gone, its packets dropped, no reset comes back), while new connections
 * reach PostgreSQL. A replica must leave the dead connections within seconds: before
 * {@code gatehouse.postgres.tcp-user-timeout}, each stayed in use until the kernel gave up
 * retransmitting (about 15 minutes), and with its pool full of them the replica answered 503 to
 * everything that reads PostgreSQL. Needs root and {@code tc} ({@link Blackhole}).
 */
class PostgresHostVanishesIT {

    private static final String DATABASE = "gatehouse_vanish";
    private static final int POOL = 8;
    private static final int BURST = 40; // five requests for each of the pool's connections

    private static CuttableProxy postgres;
    private static Replica replica;

    @BeforeAll
    static void replica() throws Exception {
        assumeTrue(Blackhole.available(), "needs root and tc (iproute2) to drop packets on loopback");
        Replica.freshDatabase(DATABASE);
        postgres = new CuttableProxy(Stores.POSTGRES_PORT);
        Map<String, String> env = Replica.prodEnv(DATABASE, Replica.randomMasterKey());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE);
        // a Redis db of its own: its bursts would fill the per-address limits of the other suites' replicas (db 8)
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/9");
        env.put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", Integer.toString(POOL));
        env.put("GATEHOUSE_POSTGRES_TCP_USER_TIMEOUT", "3s");
        env.put("GATEHOUSE_REQUEST_TIMEOUT", "10s");
        env.put("GATEHOUSE_RATE_LIMIT_API_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_REGISTER_MAX", "100000000");
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_MAX", "100000000");
        replica = new Replica("postgres-vanishes", env).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {replica, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aReplicaLeavesTheConnectionsOfAVanishedPostgresHostWithinSeconds() throws Exception {
        String email = "vanish-" + UUID.randomUUID() + "@faults.test";
        assertEquals(201, Api.register(replica.url(), email).status());
        String token = Api.login(replica.url(), email, Api.PASSWORD).string("token");
        URI me = URI.create(replica.url() + "/api/users/me");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        assertEquals(Collections.nCopies(BURST, 200), Burst.get(me, bearer, BURST), "before the host vanished");
        Set<Integer> held = postgres.clientPorts();
        assertTrue(held.size() >= POOL, "the burst should have opened the whole pool: " + held);

        List<String> rounds = new ArrayList<>();
        try (Blackhole ignored = Blackhole.of(postgres.port(), held)) {
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
    }
}
