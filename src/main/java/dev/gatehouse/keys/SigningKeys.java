package dev.gatehouse.keys;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.Profiles;
import dev.gatehouse.config.TokenLifetimes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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
 * Keeps the signing keys in PostgreSQL and the {@link KeyRing} in step with them. Makes the first
 * key on an empty database, so every replica and restart signs with the same key.
 */
@ApplicationScoped
public class SigningKeys {

    /** How long a retired key stays in the JWKS beyond the longest access token, for caches and skew. */
    static final Duration JWKS_CACHE_MARGIN = Duration.ofMinutes(5);

    private final KeyRing ring;
    private final MasterKey masterKey;
    private final Vertx vertx;
    private final SigningAlgorithm algorithm;
    private final Duration retiredKeyLife;
    private final AuditLog audit;
    private final SigningKeyRepository repository;

    public SigningKeys(
            KeyRing ring,
            MasterKey masterKey,
            Vertx vertx,
            GatehouseConfig config,
            AuditLog audit,
            SigningKeyRepository repository) {
        this.audit = audit;
        this.repository = repository;
        this.ring = ring;
        this.masterKey = masterKey;
        this.vertx = vertx;
        this.algorithm = SigningAlgorithm.fromName(config.token().signingAlg());
        this.retiredKeyLife =
                TokenLifetimes.longestAccessTtl(config.token().accessTtl()).plus(JWKS_CACHE_MARGIN);
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> ensureActiveKey().chain(this::ensureNextKey));
        Log.infof("Signing with key %s (%s)", ring.active().kid(), ring.active().alg());
    }

    /** Loads the keys; creates an active key when there is none this replica can open. */
    public Uni<Void> ensureActiveKey() {
        return reload().chain(usable -> usable ? Uni.createFrom().voidItem() : createActiveKey());
    }

    /**
     * Publishes a next key when there is none this replica could sign with. Replicas racing here
     * are settled by a unique index. (A next key under another master key is only possible in dev
     * and test, whose master key is ephemeral; in prod such a replica refuses to start.)
     */
    public Uni<Void> ensureNextKey() {
        return repository.withStatus(SigningKey.NEXT).chain(next -> {
            if (next != null && masterKey.id().equals(next.masterKeyId)) {
                return Uni.createFrom().voidItem();
            }
            Uni<Integer> dropped = next == null
                    ? Uni.createFrom().item(0)
                    : Panache.withTransaction(() -> repository.deleteNext(next.kid));
            return dropped.chain(() -> generate(SigningKey.NEXT))
                    .chain(key -> Panache.withTransaction(() -> repository.persist(key)))
                    .invoke(this::created)
                    .onFailure()
                    .invoke(e -> Log.infof(
                            "Next key not stored (%s); another replica made one",
                            e.getClass().getSimpleName()))
                    .onFailure()
                    .recoverWithNull()
                    .chain(this::reload)
                    .replaceWithVoid();
        });
    }

    /** Reads the keys from PostgreSQL into the ring; true when an active key of the configured algorithm could be opened. */
    public Uni<Boolean> reload() {
        return repository.current(Instant.now()).map(this::load);
    }

    private boolean load(List<SigningKey> rows) {
        KeyRing.ActiveKey active = null;
        boolean hasActive = false;
        List<KeyRing.VerificationKey> keys = new ArrayList<>();
        for (SigningKey row : rows) {
            try {
                SigningAlgorithm alg = SigningAlgorithm.fromName(row.alg);
                keys.add(new KeyRing.VerificationKey(row.kid, alg, alg.publicKey(row.publicKey), row.verifyUntil));
                if (SigningKey.ACTIVE.equals(row.status)) {
                    hasActive = true;
                    active = open(row, alg);
                }
            } catch (GeneralSecurityException e) {
                Log.errorf(
                        "Signing key %s cannot be read: %s",
                        row.kid, e.getClass().getSimpleName());
            }
        }
        if (active == null && hasActive && !Profiles.isDevOrTest()) {
            throw new IllegalStateException("The active signing key was encrypted under another "
                    + "gatehouse.master-key; give this replica the same master key as the others");
        }
        ring.replace(active, keys);
        if (active != null && active.alg() != algorithm) {
            Log.infof(
                    "Active key %s is %s but gatehouse.token.signing-alg is %s: replacing it",
                    active.kid(), active.alg(), algorithm);
            return false;
        }
        return active != null;
    }

    private KeyRing.ActiveKey open(SigningKey row, SigningAlgorithm alg) throws GeneralSecurityException {
        if (!masterKey.id().equals(row.masterKeyId)) {
            Log.warnf(
                    "Signing key %s was encrypted under master key %s, not this one (%s)",
                    row.kid, row.masterKeyId, masterKey.id());
            return null;
        }
        return new KeyRing.ActiveKey(row.kid, alg, alg.privateKey(masterKey.decrypt(row.privateKey, row.kid)));
    }

    /** Makes a new key active at once (first start, or no usable active key), retiring the old one. */
    Uni<Void> createActiveKey() {
        return generate(SigningKey.ACTIVE)
                .chain(fresh -> Panache.withTransaction(
                        () -> retireActive(Instant.now()).chain(retired -> repository.persist(fresh))))
                .invoke(this::created)
                .onFailure()
                .invoke(e -> Log.warnf(
                        "Creating a signing key failed (%s); reloading, " + "another replica may have made one",
                        e.getClass().getSimpleName()))
                .onFailure()
                .recoverWithNull()
                .chain(this::reload)
                .replaceWithVoid();
    }

    private void created(SigningKey key) {
        Log.infof("Created %s signing key %s (%s)", key.status, key.kid, key.alg);
        audit.record(
                AuditEventType.KEY_CREATED,
                Outcome.SUCCESS,
                null,
                null,
                key.status + " key " + key.kid + " " + key.alg);
    }

    /** Retires the active key: it verifies until its last token has expired, and its private key is erased. */
    Uni<Integer> retireActive(Instant now) {
        return repository.retireActive(now, now.plus(retiredKeyLife));
    }

    private Uni<SigningKey> generate(String status) {
        // key generation is CPU work: on a worker, back on the caller's context
        return vertx.executeBlocking(
                () -> {
                    KeyPair pair = algorithm.generate();
                    SigningKey key = new SigningKey();
                    key.kid = UUID.randomUUID().toString();
                    key.alg = algorithm.name();
                    key.status = status;
                    key.publicKey = pair.getPublic().getEncoded();
                    key.privateKey = masterKey.encrypt(pair.getPrivate().getEncoded(), key.kid);
                    key.masterKeyId = masterKey.id();
                    key.createdAt = Instant.now();
                    key.activatedAt = SigningKey.ACTIVE.equals(status) ? key.createdAt : null;
                    return key;
                },
                false);
    }
}
