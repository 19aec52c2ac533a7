package dev.gatehouse.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisEvictionPolicyTest {

    @Test
    void onlyNoevictionKeepsEveryKey() {
        assertFalse(RedisEvictionPolicy.evicts("noeviction"));
        for (String policy :
                new String[] {"allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-ttl", "allkeys-random"}) {
            assertTrue(RedisEvictionPolicy.evicts(policy), policy);
        }
    }

    @Test
    void thePolicyIsReadFromInfoMemory() {
        String info =
                "# Memory\r\nused_memory:1024\r\nmaxmemory:0\r\nmaxmemory_policy:volatile-lru\r\nallocator_frag_ratio:1.0\r\n";
        assertEquals("volatile-lru", RedisEvictionPolicy.fromInfo(info));
    }

    @Test
    void prodRefusesToStartWithAnEvictingPolicyOthersWarn() {
        assertTrue(RedisEvictionPolicy.problem("allkeys-lru").orElseThrow().contains("noeviction"));
        assertTrue(RedisEvictionPolicy.problem("noeviction").isEmpty());
    }
}
