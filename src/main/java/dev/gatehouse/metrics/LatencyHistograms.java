package dev.gatehouse.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;

/**
 * Histogram buckets for the latency of the login, token, introspection and account endpoints
 * (the dashboard's p50/p95/p99 per route). Quarkus's HTTP server
 * binder times every request as {@code http_server_requests_seconds{method, uri, status,
 * outcome}} (uri is the route template, so labels stay bounded); this filter adds
 * {@code _bucket} series with fixed bounds for these routes only, keeping the others cheap.
 */
@Singleton
public class LatencyHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** The routes whose latency is a service-level indicator. */
    static final Set<String> TIMED_ROUTES = Set.of(
            "/auth/login",
            "/auth/refresh",
            "/auth/logout",
            "/oauth2/token",
            "/oauth2/authorize/login",
            "/oauth2/introspect",
            "/oauth2/revoke",
            "/api/users/me");

    /** Bucket bounds: a login hashes a password (tens of ms), so the range is 5 ms to 5 s. */
    static final double[] BOUNDS = bounds(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000);

    @Produces
    @Singleton
    public MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName()) || !TIMED_ROUTES.contains(id.getTag("uri"))) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(BOUNDS)
                        .build()
                        .merge(config);
            }
        };
    }

    private static double[] bounds(long... millis) {
        double[] nanos = new double[millis.length];
        for (int i = 0; i < millis.length; i++) {
            nanos[i] = Duration.ofMillis(millis[i]).toNanos();
        }
        return nanos;
    }
}
