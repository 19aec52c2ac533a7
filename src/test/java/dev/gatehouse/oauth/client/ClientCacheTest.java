package dev.gatehouse.oauth.client;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Failed lookups are not cached: an attacker choosing ids cannot fill the cache or evict real clients. */
@QuarkusTest
class ClientCacheTest {

    @Inject
    ClientCache cache;

    @Test
    void unknownClientIdsAreNotCached() throws Throwable {
        int before = cache.size();
        for (int i = 0; i < 50; i++) {
            String id = "nobody-" + UUID.randomUUID();
            assertNull(VertxContextSupport.subscribeAndAwait(() -> cache.find(id)));
        }
        assertEquals(before, cache.size());
    }
}
