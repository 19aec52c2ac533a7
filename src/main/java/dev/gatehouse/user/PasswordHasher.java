package dev.gatehouse.user;

import dev.gatehouse.config.GatehouseConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Argon2id hashing and verification off the event loop. Every hash runs on a Vert.x worker thread
 * and its result is delivered back on the caller's Vert.x context, so reactive callers (Hibernate
 * Reactive sessions included) continue where they were.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2idHash argon2;
    /**
     * Hashes run on a pool of one thread per core: Argon2id is bound by CPU and memory bandwidth,
     * so more hashes at once only thrash the caches and make every one of them slower.
     */
    private final WorkerExecutor hashPool;

    /** Hash of an unguessable password with the current parameters; made on a worker, once. */
    private volatile String dummyHash;

    public PasswordHasher(GatehouseConfig config, Vertx vertx) {
        GatehouseConfig.Password p = config.password();
        this.argon2 = new Argon2idHash(p.argon2MemoryKib(), p.argon2Iterations(), p.argon2Parallelism());
        this.hashPool = vertx.createSharedWorkerExecutor("gatehouse-argon2", Runtime.getRuntime().availableProcessors());
        // Make the dummy hash now, on a worker, so the first unknown-email login is not slower.
        hashPool.executeBlocking(this::dummyHash, false);
    }

    /** The PHC string of {@code password}, hashed with the configured parameters. */
    public Uni<String> hash(String password) {
        return onWorker(() -> argon2.hash(password));
    }

    /**
     * Checks {@code password} against a stored PHC hash. With a null hash (no such user) it still
     * does one full Argon2id verification, against a dummy hash, and answers "no match", so an
     * unknown email costs the same time as a wrong password.
     */
    public Uni<PasswordCheck> verify(String password, String storedHashOrNull) {
        return onWorker(() -> {
            if (storedHashOrNull == null) {
                argon2.verify(password == null ? "" : password, dummyHash());
                return new PasswordCheck(false, false);
            }
            boolean matches = argon2.verify(password, storedHashOrNull);
            return new PasswordCheck(matches, matches && argon2.needsRehash(storedHashOrNull));
        });
    }

    /** Runs blocking work on the hash pool (unordered, so hashes run in parallel up to the pool size). */
    private <T> Uni<T> onWorker(Callable<T> work) {
        // The supplier runs at subscription, so the caller's context is the one Vert.x returns to.
        return Uni.createFrom().completionStage(() -> hashPool.executeBlocking(work, false).toCompletionStage());
    }

    /** Called on a worker only. Two early calls may race and both make one; either is fine. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            hash = argon2.hash(Base64.getEncoder().encodeToString(secret));
            dummyHash = hash;
        }
        return hash;
    }
}
