package dev.gatehouse.keys;

import dev.gatehouse.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys this replica signs and verifies with, held in memory and swapped as a whole, so a
 * request sees one consistent set. The JWKS document is rendered once per change, not per request.
 */
@ApplicationScoped
public class KeyRing {

    /** The key that signs new tokens. */
    public record ActiveKey(String kid, SigningAlgorithm alg, PrivateKey privateKey) {}

    /** A key that may still verify tokens, until {@code verifyUntil} (null while it is active). */
    public record VerificationKey(String kid, SigningAlgorithm alg, PublicKey publicKey, Instant verifyUntil) {}

    private record Snapshot(ActiveKey active, Map<String, VerificationKey> keys, String jwks) {}

    private volatile Snapshot snapshot = new Snapshot(null, Map.of(), "{\"keys\":[]}");

    /** The signing key; 503 until the ring is loaded. */
    public ActiveKey active() {
        ActiveKey active = snapshot.active();
        if (active == null) {
            throw ApiException.unavailable();
        }
        return active;
    }

    public boolean hasActiveKey() {
        return snapshot.active() != null;
    }

    /** The key with this id, if it can still verify a token at {@code now}. */
    public Optional<VerificationKey> find(String kid, Instant now) {
        VerificationKey key = kid == null ? null : snapshot.keys().get(kid);
        if (key == null || (key.verifyUntil() != null && !key.verifyUntil().isAfter(now))) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /**
     * Resolves the key of a JWS by its {@code kid}, only while it may verify and only for its own
     * algorithm, so {@code alg: none} and algorithm confusion fail.
     */
    public VerificationKeyResolver verificationKeys() {
        return (jws, nested) -> find(jws.getKeyIdHeaderValue(), Instant.now())
                .filter(key -> key.alg().name().equals(jws.getAlgorithmHeaderValue()))
                .map(VerificationKey::publicKey)
                .orElseThrow(() -> new UnresolvableKeyException("no usable key " + jws.getKeyIdHeaderValue()));
    }

    /** The RFC 7517 JWK Set of every key that can still verify a token. */
    public String jwks() {
        return snapshot.jwks();
    }

    void replace(ActiveKey active, List<VerificationKey> keys) {
        Map<String, VerificationKey> byKid =
                keys.stream().collect(Collectors.toUnmodifiableMap(VerificationKey::kid, Function.identity()));
        snapshot = new Snapshot(active, byKid, renderJwks(keys));
    }

    private static String renderJwks(List<VerificationKey> keys) {
        try {
            JsonWebKeySet set = new JsonWebKeySet();
            for (VerificationKey key : keys) {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
                jwk.setKeyId(key.kid());
                jwk.setAlgorithm(key.alg().name());
                jwk.setUse("sig");
                set.addJsonWebKey(jwk);
            }
            return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot render the JWK Set", e);
        }
    }
}
