package dev.gatehouse.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * In-memory caches with a size bound (Caffeine evicts the entries least likely to be asked for
 * again, never the whole cache) whose gets, hits, misses, evictions and size are in
 * {@code /q/metrics} as {@code cache_*{cache="<name>"}}. The classes registered here are the
 * stats-recording variants Caffeine picks for these builders, which a native image must know
 * beforehand (quarkus-caffeine registers only the others).
 */
@RegisterForReflection(
        classNames = {"com.github.benmanes.caffeine.cache.SSSMSW", "com.github.benmanes.caffeine.cache.SSSMSA"},
        fields = true)
public final class BoundedCaches {

    private BoundedCaches() {}

    /** The cache {@code builder} makes, recording its statistics under {@code name}. */
    public static <K, V> Cache<K, V> monitored(
            Caffeine<? super K, ? super V> builder, String name, MeterRegistry registry) {
        Cache<K, V> cache = builder.recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, name);
        return cache;
    }
}
