package dev.gatehouse.user;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.PasswordMemory;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Argon2id hashing and verification off the event loop. Every hash runs on a thread of a pool of
 * its own (Mutiny's {@code runSubscriptionOn}) and its result is emitted back on the caller's
 * Vert.x context, so reactive callers (Hibernate Reactive sessions included) continue where they were.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2idHash argon2;
    /**
     * Hashes run on a fixed pool of one thread per two cores (at least one). Argon2id is bound by
     * memory bandwidth and shared caches more than by the core: on the bench machine two hashes at
     * once each ran at half to two thirds of the speed of one alone, so a second hashing thread on
     * two cores raised the CPU per login from about 40 to 70 ms and lowered the logins per second
     * (bench/README.md); the other half of the cores keeps the event loops, and so every other
     * request, responsive while logins queue. A plain fixed pool, not a Vert.x shared worker
     * executor: under Quarkus that executor grows past one thread only when its queue is full.
     * The queue is bounded ({@code gatehouse.password.hash-queue}): past it a hash is refused
     * with 503 at once instead of making everyone wait. Each of these threads keeps the memory of
     * one hash (the configured Argon2 memory) for as long as it runs and reuses it for every hash
     * it makes ({@link Argon2idHash}), so logins make almost no garbage.
     */
    private final ThreadPoolExecutor hashPool;

    /** Hash of an unguessable password with the current parameters; made on a worker, once. */
    private volatile String dummyHash;

    /**
     * The most memory, in KiB, a stored hash may ask for ({@link PasswordMemory}): one
     * made with more than this heap can afford is refused rather than verified, so it cannot end
     * the process with an OutOfMemoryError at every login of its account.
     */
    private final long memoryBudgetKib;

    @Inject
    public PasswordHasher(GatehouseConfig config) {
        this(config, poolSize(Runtime.getRuntime().availableProcessors()), PasswordMemory.budgetKib());
    }

    PasswordHasher(GatehouseConfig config, int threads) {
        this(config, threads, PasswordMemory.budgetKib());
    }

    PasswordHasher(GatehouseConfig config, int threads, long memoryBudgetKib) {
        this.memoryBudgetKib = memoryBudgetKib;
        GatehouseConfig.Password p = config.password();
        this.argon2 = new Argon2idHash(p.argon2MemoryKib(), p.argon2Iterations(), p.argon2Parallelism());
        AtomicInteger names = new AtomicInteger();
        int queue = config.password().hashQueue();
        this.hashPool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                queue > 0 ? new ArrayBlockingQueue<>(queue) : new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "gatehouse-argon2-" + names.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
        // Make the dummy hash now, on a worker, so the first unknown-email login is not slower.
        hashPool.execute(this::dummyHash);
    }

    @PreDestroy
    void close() {
        hashPool.shutdownNow();
    }

    /** Hashing threads for this many cores: one per two cores, at least one. */
    static int poolSize(int cores) {
        return Math.max(1, cores / 2);
    }

    /** How many hashing threads have been started (at most {@link #poolSize}). */
    int threadsStarted() {
        return hashPool.getLargestPoolSize();
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
                return noMatchAfterADummyCheck(password);
            }
            int memoryKib = argon2.memoryKibOf(storedHashOrNull);
            if (memoryKib > memoryBudgetKib) {
                Log.warnf(
                        "A stored password hash needs %d KiB, more than this heap allows one hash (%d KiB, a quarter"
                                + " of it): the login is refused. Raise the heap, or reset that account's password",
                        memoryKib, memoryBudgetKib);
                return noMatchAfterADummyCheck(password);
            }
            boolean matches = argon2.verify(password, storedHashOrNull);
            return new PasswordCheck(matches, matches && argon2.needsRehash(storedHashOrNull));
        });
    }

    /**
     * "No match", after a full verification against the dummy hash, so a refusal without a usable
     * stored hash takes as long as a wrong password. Called on a hashing thread only.
     */
    private PasswordCheck noMatchAfterADummyCheck(String password) {
        argon2.verify(password == null ? "" : password, dummyHash());
        return new PasswordCheck(false, false);
    }

    /**
     * Runs blocking work on the hash pool (in parallel up to the pool size) and emits its outcome
     * on the Vert.x context of the subscriber, when there is one.
     */
    private <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> done = Uni.createFrom()
                    .item(work)
                    .runSubscriptionOn(hashPool)
                    .onFailure(RejectedExecutionException.class)
                    .transform(e -> hashPool.isShutdown() ? e : busy());
            return caller == null ? done : done.emitOn(outcome -> caller.runOnContext(ignored -> outcome.run()));
        });
    }

    /**
     * The queue is full ({@code gatehouse.password.hash-queue}): answered at once rather than
     * queued, so a flood of hashes cannot make every login wait without bound (CWE-770).
     */
    private static ApiException busy() {
        Log.debug("Password hashing queue full: request refused with 503");
        return new ApiException(
                        ErrorCode.TEMPORARILY_UNAVAILABLE, "The service is busy; retry after the time in Retry-After")
                .withRetryAfter(1);
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
