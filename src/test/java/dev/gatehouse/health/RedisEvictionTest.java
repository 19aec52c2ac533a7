package dev.gatehouse.health;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.gatehouse.support.Management;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Readiness reports Redis's {@code maxmemory-policy}: any policy but {@code noeviction} may evict
 * denylist entries (they carry TTLs) and silently switch revocation off. Outside prod it warns
 * and stays UP; prod refuses (see RedisEvictionPolicyTest).
 */
@QuarkusTest
class RedisEvictionTest {

    @Inject
    RedisDataSource redis;

    @Test
    void readinessNamesAnEvictingPolicy() {
        String before = redis.execute("CONFIG", "GET", "maxmemory-policy")
                .get("maxmemory-policy")
                .toString();
        try {
            redis.execute("CONFIG", "SET", "maxmemory-policy", "volatile-lru");
            Management.given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.name", hasItem("Redis eviction policy"))
                    .body(
                            "checks.find { it.name == 'Redis eviction policy' }.data.'maxmemory-policy'",
                            equalTo("volatile-lru"))
                    .body("checks.find { it.name == 'Redis eviction policy' }.data.evicts", equalTo(true));
        } finally {
            redis.execute("CONFIG", "SET", "maxmemory-policy", before);
        }
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Redis eviction policy' }.data.evicts", equalTo(false));
    }
}
