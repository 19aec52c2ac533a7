package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.support.StubConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static PasswordHasher hasher(int memoryKib, int iterations) {
        return new PasswordHasher(StubConfig.defaults().withPassword(15, 128, memoryKib, iterations, 1));
    }

    @Test
    void hashesAndVerifies() {
        PasswordHasher hasher = hasher(256, 1);
        String phc = hasher.hash("correct-zebra-lamp-orbit").await().atMost(WAIT);
        assertEquals(
                new PasswordCheck(true, false),
                hasher.verify("correct-zebra-lamp-orbit", phc).await().atMost(WAIT));
        assertEquals(
                new PasswordCheck(false, false),
                hasher.verify("correct-zebra-lamp-orbiT", phc).await().atMost(WAIT));
    }

    @Test
    void unknownUserNeverMatches() {
        PasswordCheck check =
                hasher(256, 1).verify("correct-zebra-lamp-orbit", null).await().atMost(WAIT);
        assertEquals(new PasswordCheck(false, false), check);
    }

    @Test
    void flagsOldParametersOnlyWhenPasswordMatches() {
        String old = hasher(256, 1).hash("correct-zebra-lamp-orbit").await().atMost(WAIT);
        PasswordHasher current = hasher(512, 1);
        assertEquals(
                new PasswordCheck(true, true),
                current.verify("correct-zebra-lamp-orbit", old).await().atMost(WAIT));
        assertEquals(
                new PasswordCheck(false, false),
                current.verify("wrong-zebra-lamp-orbit", old).await().atMost(WAIT));
    }

    @Test
    void storedHashNeedingMoreThanTheHeapAllowsIsRefusedEvenWithTheRightPassword() {
        // a hash made elsewhere with 512 KiB, checked by a hasher whose heap affords 256 KiB a hash
        String big = hasher(512, 1).hash("correct-zebra-lamp-orbit").await().atMost(WAIT);
        PasswordHasher small = new PasswordHasher(StubConfig.defaults().withPassword(15, 128, 256, 1, 1), 1, 256);
        try {
            assertEquals(
                    new PasswordCheck(false, false),
                    small.verify("correct-zebra-lamp-orbit", big).await().atMost(WAIT));
            // within the budget the same hasher verifies as usual
            String fits = small.hash("correct-zebra-lamp-orbit").await().atMost(WAIT);
            assertEquals(
                    new PasswordCheck(true, false),
                    small.verify("correct-zebra-lamp-orbit", fits).await().atMost(WAIT));
        } finally {
            small.close();
        }
    }

    @Test
    void hashesOffTheEventLoopAndAnswersOnCallersContext() throws Exception {
        PasswordHasher hasher = hasher(256, 1);
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Boolean> answeredOnEventLoop = new CompletableFuture<>();
        context.runOnContext(ignored -> hasher.hash("correct-zebra-lamp-orbit")
                .onItem()
                .invoke(phc -> assertTrue(phc.startsWith("$argon2id$")))
                .subscribe()
                .with(
                        phc -> answeredOnEventLoop.complete(
                                Vertx.currentContext() == context && Context.isOnEventLoopThread()),
                        answeredOnEventLoop::completeExceptionally));
        assertTrue(answeredOnEventLoop.get(20, TimeUnit.SECONDS));
    }

    @Test
    void hashesInParallelOnEveryThreadOfThePool() {
        int threads = 3;
        PasswordHasher hasher = new PasswordHasher(StubConfig.defaults().withPassword(15, 128, 256, 1, 1), threads);
        List<Uni<String>> hashes = IntStream.range(0, 2 * threads + 2)
                .mapToObj(i -> hasher.hash("correct-zebra-lamp-orbit-" + i))
                .toList();
        Uni.join().all(hashes).andFailFast().await().atMost(WAIT);
        // every thread of the pool starts once that many hashes wait at once, never more (a pool
        // that grows only when its queue is full stays at one thread and fails this)
        assertEquals(threads, hasher.threadsStarted());
    }

    @Test
    void aFullHashingQueueAnswersUnavailableAtOnceInsteadOfQueueing() {
        // one thread busy for a while (the dummy hash, then the first request), one place in the queue
        PasswordHasher hasher = new PasswordHasher(
                StubConfig.defaults().withPassword(15, 128, 65536, 8, 1).withHashQueue(1), 1);
        try {
            List<CompletableFuture<String>> hashes = IntStream.range(0, 3)
                    .mapToObj(i -> hasher.hash("correct-zebra-lamp-orbit-" + i).subscribeAsCompletionStage())
                    .toList();

            CompletableFuture<String> last = hashes.get(2);
            assertTrue(last.isCompletedExceptionally(), "refused when asked, not queued");
            ApiException refusal = assertThrows(ApiException.class, () -> {
                try {
                    last.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause();
                }
            });
            assertEquals(ErrorCode.TEMPORARILY_UNAVAILABLE, refusal.code());
            assertEquals(1, refusal.retryAfterSeconds());
        } finally {
            hasher.close();
        }
    }

    @Test
    void poolHasOneThreadPerTwoCoresAndAtLeastOne() {
        assertEquals(1, PasswordHasher.poolSize(1));
        assertEquals(1, PasswordHasher.poolSize(2));
        assertEquals(2, PasswordHasher.poolSize(4));
        assertEquals(4, PasswordHasher.poolSize(8));
    }

    @Test
    void failsForNullPassword() {
        Uni<String> hash = hasher(256, 1).hash(null);
        assertFalse(
                hash.onFailure().recoverWithItem("failed").await().atMost(WAIT).startsWith("$"));
    }
}
