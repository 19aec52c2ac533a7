package dev.gatehouse.oauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Failed lookups are not cached: an attacker choosing ids cannot fill the cache or evict real clients.
 * A change made by another replica is seen within the cache's lifetime, however busy the client.
 * The cache is measured like every other.
 */
@QuarkusTest
class ClientCacheTest {

    @Inject
    ClientCache cache;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @Test
    void unknownClientIdsAreNotCached() throws Throwable {
        long before = cache.size();
        for (int i = 0; i < 50; i++) {
            String id = "nobody-" + UUID.randomUUID();
            assertNull(VertxContextSupport.subscribeAndAwait(() -> cache.find(id)));
        }
        assertEquals(before, cache.size());
    }

    @Test
    void aClientDeletedByAnotherReplicaIsRefusedWithinTheLifetimeEvenWhileInUse() throws Throwable {
        TestClient client = TestClients.confidential("svc:read", "client_credentials");
        Map<String, String> form = Map.of("grant_type", "client_credentials");
        assertEquals(200, client.token(form).statusCode(), "cached now");

        // another replica deletes it: the row goes, and nothing tells this replica
        VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("DELETE FROM oauth_client WHERE client_id = $1")
                .execute(Tuple.of(client.id())));
        long deadline = System.nanoTime() + ClientCache.TTL.plusSeconds(2).toNanos();
        int status = client.token(form).statusCode();
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(250); // the client keeps asking, so a cache that expires on idleness never would
            status = client.token(form).statusCode();
        }

        assertEquals(401, status, "the deleted client still got tokens " + ClientCache.TTL + " after its deletion");
    }

    @Test
    void hitsAndMissesAreInTheMetrics() {
        assertNotNull(registry.find("cache.gets")
                .tag("cache", "clients")
                .tag("result", "miss")
                .functionCounter());
        assertNotNull(registry.find("cache.evictions").tag("cache", "clients").functionCounter());
    }
}
