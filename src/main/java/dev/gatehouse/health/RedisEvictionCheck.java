package dev.gatehouse.health;

import dev.gatehouse.config.Profiles;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Checks Redis's {@code maxmemory-policy} ({@link RedisEvictionPolicy}) at start and in
 * readiness. In prod an evicting policy stops the start and makes the replica unready; in dev and
 * test it is a loud warning and the check stays UP. A Redis that does not answer is the Redis
 * connection check's business: this one then reports the policy as unknown.
 */
@Readiness
@ApplicationScoped
public class RedisEvictionCheck implements AsyncHealthCheck {

    static final String NAME = "Redis eviction policy";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;

    public RedisEvictionCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    void onStart(@Observes StartupEvent event) {
        String policy;
        try {
            policy = policy().await().atMost(START_TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("Could not read Redis's maxmemory-policy at start (%s); readiness checks it again", e.toString());
            return;
        }
        Optional<String> problem = RedisEvictionPolicy.problem(policy);
        if (problem.isPresent() && !Profiles.isDevOrTest()) {
            throw new IllegalStateException("Gatehouse cannot start: " + problem.get());
        }
        problem.ifPresent(RedisEvictionCheck::warn);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return policy().map(policy -> {
                    boolean evicts = RedisEvictionPolicy.evicts(policy);
                    if (evicts) {
                        RedisEvictionPolicy.problem(policy).ifPresent(RedisEvictionCheck::warn);
                    }
                    return HealthCheckResponse.named(NAME)
                            .status(!evicts || Profiles.isDevOrTest())
                            .withData("maxmemory-policy", policy)
                            .withData("evicts", evicts)
                            .build();
                })
                .onFailure()
                .recoverWithItem(e -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData("maxmemory-policy", "unknown")
                        .build());
    }

    private Uni<String> policy() {
        return redis.execute("INFO", "memory").map(info -> {
            String policy = RedisEvictionPolicy.fromInfo(info.toString());
            return policy == null ? "unknown" : policy;
        });
    }

    private static void warn(String problem) {
        Log.warnf("!!! %s. Outside dev and test Gatehouse refuses to start with this policy !!!", problem);
    }
}
