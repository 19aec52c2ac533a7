package dev.gatehouse.keys;

import dev.gatehouse.config.GatehouseConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import dev.gatehouse.config.Profiles;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the signing keys in PostgreSQL and the {@link KeyRing} in step with them: makes the first
 * key on an empty database, so every replica and restart signs with the same key.
 */
@ApplicationScoped
public class SigningKeys {

    /** How long a retired key stays in the JWKS beyond the access-token lifetime, for caches. */
    static final Duration JWKS_CACHE_MARGIN = Duration.ofMinutes(5);

    private final KeyRing ring;
    private final MasterKey masterKey;
    private final Vertx vertx;
    private final SigningAlgorithm algorithm;
    private final Duration accessTtl;

    public SigningKeys(KeyRing ring, MasterKey masterKey, Vertx vertx, GatehouseConfig config) {
        this.ring = ring;
        this.masterKey = masterKey;
        this.vertx = vertx;
        this.algorithm = SigningAlgorithm.fromName(config.token().signingAlg());
        this.accessTtl = config.token().accessTtl();
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::ensureActiveKey);
        Log.infof("Signing with key %s (%s)", ring.active().kid(), ring.active().alg());
    }

    /** Loads the keys; creates an active key when there is none this replica can open. */
    public Uni<Void> ensureActiveKey() {
        return reload().chain(usable -> usable ? Uni.createFrom().voidItem() : createActiveKey());
    }

    /** Reads the keys from PostgreSQL into the ring; true when an active key could be opened. */
    public Uni<Boolean> reload() {
        Instant now = Instant.now();
        return Panache.withSession(() -> SigningKey.<SigningKey>list(
                        "status = ?1 or verifyUntil > ?2", SigningKey.ACTIVE, now))
                .map(this::load);
    }

    private boolean load(List<SigningKey> rows) {
        KeyRing.ActiveKey active = null;
        List<KeyRing.VerificationKey> keys = new ArrayList<>();
        for (SigningKey row : rows) {
            try {
                SigningAlgorithm alg = SigningAlgorithm.fromName(row.alg);
                keys.add(new KeyRing.VerificationKey(row.kid, alg, alg.publicKey(row.publicKey), row.verifyUntil));
                if (SigningKey.ACTIVE.equals(row.status)) {
                    active = open(row, alg);
                }
            } catch (GeneralSecurityException e) {
                Log.errorf("Signing key %s cannot be read: %s", row.kid, e.getClass().getSimpleName());
            }
        }
        if (active == null && !keys.isEmpty() && hasActive(rows) && !Profiles.isDevOrTest()) {
            throw new IllegalStateException("The active signing key was encrypted under another "
                    + "gatehouse.master-key; give this replica the same master key as the others");
        }
        ring.replace(active, keys);
        if (active != null && active.alg() != algorithm) {
            Log.infof("Active key %s is %s but gatehouse.token.signing-alg is %s: rotating", active.kid(), active.alg(), algorithm);
            return false;
        }
        return active != null;
    }

    private KeyRing.ActiveKey open(SigningKey row, SigningAlgorithm alg) throws GeneralSecurityException {
        if (!masterKey.id().equals(row.masterKeyId)) {
            Log.warnf("Signing key %s was encrypted under master key %s, not this one (%s)",
                    row.kid, row.masterKeyId, masterKey.id());
            return null;
        }
        return new KeyRing.ActiveKey(row.kid, alg, alg.privateKey(masterKey.decrypt(row.privateKey, row.kid)));
    }

    private static boolean hasActive(List<SigningKey> rows) {
        return rows.stream().anyMatch(row -> SigningKey.ACTIVE.equals(row.status));
    }

    /** Generates a key on a worker thread, retires the current active key, and makes the new one active. */
    public Uni<Void> createActiveKey() {
        return generate().chain(fresh -> Panache.withTransaction(() -> retireActive().chain(retired -> fresh.persist())))
                .invoke(() -> Log.infof("Created signing key (%s)", algorithm))
                .onFailure().invoke(e -> Log.warnf("Creating a signing key failed (%s); reloading, "
                        + "another replica may have made one", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .chain(this::reload)
                .replaceWithVoid();
    }

    private Uni<Integer> retireActive() {
        Instant now = Instant.now();
        return SigningKey.update("status = ?1, retiredAt = ?2, verifyUntil = ?3 where status = ?4",
                SigningKey.RETIRED, now, now.plus(accessTtl).plus(JWKS_CACHE_MARGIN), SigningKey.ACTIVE);
    }

    private Uni<SigningKey> generate() {
        return Uni.createFrom().completionStage(() -> vertx.<SigningKey>executeBlocking(() -> {
            KeyPair pair = algorithm.generate();
            SigningKey key = new SigningKey();
            key.kid = UUID.randomUUID().toString();
            key.alg = algorithm.name();
            key.status = SigningKey.ACTIVE;
            key.publicKey = pair.getPublic().getEncoded();
            key.privateKey = masterKey.encrypt(pair.getPrivate().getEncoded(), key.kid);
            key.masterKeyId = masterKey.id();
            key.createdAt = Instant.now();
            return key;
        }, false).toCompletionStage());
    }
}
