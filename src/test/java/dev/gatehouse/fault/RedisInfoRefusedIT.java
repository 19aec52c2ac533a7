package dev.gatehouse.fault;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every token check reads {@code INFO replication} in its script (the denylist's Redis history), so
 * a Redis user whose ACL denies INFO would answer 503 to every protected request. A prod replica
 * refuses to start on such a Redis instead: during a rolling update the old replicas go on serving.
 */
class RedisInfoRefusedIT {

    @Test
    void aReplicaRefusesToStartWhenRedisDeniesItInfo() throws Exception {
        String user = "gatehouse-noinfo-" + UUID.randomUUID();
        String password = UUID.randomUUID().toString();
        Stores.redisUser(user, "on", ">" + password, "~*", "&*", "+@all", "-info");
        try {
            Replica.freshDatabase("gatehouse_noinfo");
            Map<String, String> env = Replica.prodEnv("gatehouse_noinfo", Replica.randomMasterKey());
            env.put(
                    "QUARKUS_REDIS_HOSTS",
                    "redis://" + user + ":" + password + "@127.0.0.1:" + Stores.REDIS_PORT + "/8");
            try (Replica replica = new Replica("redis-info-refused", env)) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, replica::start);
                assertTrue(refused.getMessage().contains("exited"), refused.getMessage());
                assertTrue(
                        Files.readString(replica.log()).contains("Redis refuses INFO"), "the log says what to grant");
            }
        } finally {
            Stores.deleteRedisUser(user);
        }
    }
}
