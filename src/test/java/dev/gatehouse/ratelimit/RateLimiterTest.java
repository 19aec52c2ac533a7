package dev.gatehouse.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.redis.ReadAlong;
import dev.gatehouse.support.RedisReplication;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one-round-trip check of introspection and revocation: a request limit counted, a client limit only looked at. */
@QuarkusTest
class RateLimiterTest {

    @Inject
    RateLimiter limiter;

    @Inject
    RedisDataSource redis;

    @Test
    void hitLimitCountsAndPeekLimitDoesNotWhenBothHaveRoom() throws Throwable {
        Limit requests = limit(5);
        Limit failures = limit(5);

        Decision decision = await(limiter.hitPeekAndRead("m1", List.of(requests), List.of(failures), ReadAlong.NONE));

        assertTrue(decision.allowed());
        assertEquals(4, remaining(requests));
        assertEquals(5, remaining(failures));
    }

    @Test
    void fullPeekLimitRefusesAndNothingIsCountedUnderTheHitLimit() throws Throwable {
        Limit requests = limit(5);
        Limit failures = limit(1);
        await(limiter.add("failure", List.of(failures)));

        Decision decision = await(limiter.hitPeekAndRead("m1", List.of(requests), List.of(failures), ReadAlong.NONE));

        assertFalse(decision.allowed());
        assertEquals(5, remaining(requests));
        assertEquals(0, remaining(failures));
    }

    @Test
    void keysReadAlongComeBackToTheirOwnerNullWhenMissing() throws Throwable {
        String present = "gh:test:" + UUID.randomUUID();
        redis.value(String.class).setex(present, 60, "mark");
        List<List<String>> found = new ArrayList<>();
        ReadAlong along = new ReadAlong() {
            @Override
            public List<String> keys() {
                return List.of(present, "gh:test:" + UUID.randomUUID());
            }

            @Override
            public void found(List<String> values) {
                found.add(values);
            }
        };

        await(limiter.hitPeekAndRead("m1", List.of(limit(5)), List.of(), along));

        assertEquals(
                List.of(Arrays.asList("mark", null, RedisReplication.id(redis))),
                found,
                "their values, then the server's replication id");
    }

    private int remaining(Limit limit) throws Throwable {
        return await(limiter.peek(List.of(limit))).statuses().get(0).remaining();
    }

    private static Limit limit(int max) {
        return new Limit("test", UUID.randomUUID().toString(), max, Duration.ofMinutes(1));
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> uni);
    }
}
