package dev.gatehouse.oauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Failed lookups are not cached: an attacker choosing ids cannot fill the cache or evict real clients.
 * The cache is measured like every other.
 */
@QuarkusTest
class ClientCacheTest {

    @Inject
    ClientCache cache;

    @Inject
    MeterRegistry registry;

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
    void hitsAndMissesAreInTheMetrics() {
        assertNotNull(registry.find("cache.gets")
                .tag("cache", "clients")
                .tag("result", "miss")
                .functionCounter());
        assertNotNull(registry.find("cache.evictions").tag("cache", "clients").functionCounter());
    }
}
