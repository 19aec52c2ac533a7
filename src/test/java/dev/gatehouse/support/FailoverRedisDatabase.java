package dev.gatehouse.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A Redis database of its own (6), for the tests that stand for a failover by rewriting Gatehouse's
 * keys ({@link RedisReplication#recordAnotherHistory}): the other tests' marks stay out of their way.
 */
public class FailoverRedisDatabase implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:6379/6");
    }
}
