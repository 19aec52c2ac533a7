package dev.gatehouse.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs workers in parallel for a while and tallies what they saw: HTTP statuses per call, and
 * connections that broke without an answer ("cut").
 */
final class Traffic {

    /** One step of a worker: a call that answers a status, or throws when the connection broke. */
    interface Step {
        int run(int worker, long iteration) throws IOException;
    }

    private final Map<String, AtomicLong> tally = new ConcurrentHashMap<>();
    private final List<String> cuts = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Runs {@code workers} loops of {@code step} until {@code duration} has passed. */
    Traffic run(int workers, Duration duration, Step step) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                loops.add(pool.submit(() -> {
                    for (long i = 0; System.nanoTime() < end; i++) {
                        try {
                            count(Integer.toString(step.run(worker, i)));
                        } catch (IOException e) {
                            count("cut");
                            cuts.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return this;
    }

    void count(String outcome) {
        tally.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    long count(int status) {
        AtomicLong n = tally.get(Integer.toString(status));
        return n == null ? 0 : n.get();
    }

    long total() {
        return tally.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Everything that was neither one of {@code allowed} statuses. */
    Map<String, Long> other(int... allowed) {
        Map<String, Long> other = new java.util.TreeMap<>();
        tally.forEach((outcome, n) -> {
            boolean ok = false;
            for (int status : allowed) {
                ok |= outcome.equals(Integer.toString(status));
            }
            if (!ok) {
                other.put(outcome, n.get());
            }
        });
        return other;
    }

    List<String> cuts() {
        return cuts;
    }

    @Override
    public String toString() {
        return new java.util.TreeMap<>(tally).toString();
    }
}
