package dev.gatehouse.dpop;

import dev.gatehouse.config.GatehouseConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * Proofs seen, in Redis, so a proof is accepted once across every replica (RFC 9449 §11.1). It owns
 * the keys {@code gh:dpop:jti:{hash}}: one per proof, named by the SHA-256 of its key thumbprint,
 * target URI and {@code jti} (a proof's {@code jti} is unique in the context of its target URI), set
 * with {@code SET NX} and kept while the proof could still be accepted. A Redis fault propagates: 503.
 */
@ApplicationScoped
class ReplayMarks {

    static final String PREFIX = "gh:dpop:jti:";

    private final ReactiveRedisDataSource redis;
    private final Duration ttl;

    ReplayMarks(ReactiveRedisDataSource redis, GatehouseConfig config) {
        this.redis = redis;
        // a proof from up to clock-skew ahead is accepted until max-age after its iat; one more skew for the replicas'
        // clocks
        this.ttl = config.dpop().proofMaxAge().plus(config.dpop().clockSkew().multipliedBy(2));
    }

    /** True when this proof is seen for the first time (and is now marked); false when it was seen before. */
    Uni<Boolean> firstUse(DpopProof proof) {
        return redis.execute("SET", key(proof), "1", "NX", "PX", Long.toString(ttl.toMillis()))
                .map(answer -> answer != null);
    }

    static String key(DpopProof proof) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {proof.jkt(), proof.htu(), proof.jti()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
