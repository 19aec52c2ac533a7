package dev.gatehouse.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.metrics.StoreMetrics;
import dev.gatehouse.support.TestUsers;
import io.netty.channel.unix.Errors;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint at /q/metrics and Gatehouse's own series. */
@QuarkusTest
class AuditMetricsTest {

    @Inject
    StoreMetrics storeMetrics;

    @Test
    void storeAndDenylistCountersAreExposedAndMove() {
        String before = PrometheusScrape.scrape();
        for (String store : new String[] {"postgres", "redis", "unknown"}) {
            assertTrue(
                    PrometheusScrape.value(before, "gatehouse_store_errors_total", Map.of("store", store)) >= 0, store);
        }
        double redis = PrometheusScrape.value(before, "gatehouse_store_errors_total", Map.of("store", "redis"));
        double unknown = PrometheusScrape.value(before, "gatehouse_store_errors_total", Map.of("store", "unknown"));
        double writes = PrometheusScrape.value(before, "gatehouse_denylist_writes_total", Map.of());
        assertTrue(PrometheusScrape.value(before, "gatehouse_audit_dropped_total", Map.of()) >= 0);

        storeMetrics.storeError(StoreMetrics.Store.REDIS);
        storeMetrics.denylistWrite();
        // the exception mappers' path: a bare connection refusal names no store
        storeMetrics.fault(new ConnectException("Connection refused"));

        String after = PrometheusScrape.scrape();
        assertEquals(
                redis + 1, PrometheusScrape.value(after, "gatehouse_store_errors_total", Map.of("store", "redis")));
        assertEquals(
                unknown + 1, PrometheusScrape.value(after, "gatehouse_store_errors_total", Map.of("store", "unknown")));
        assertEquals(writes + 1, PrometheusScrape.value(after, "gatehouse_denylist_writes_total", Map.of()));
    }

    @Test
    void loginLatencyHasHistogramBuckets() {
        TestUsers.register().login();
        String metrics = PrometheusScrape.scrape();
        assertTrue(
                PrometheusScrape.value(
                                metrics,
                                "http_server_requests_seconds_bucket",
                                Map.of("uri", "/auth/login", "le", "+Inf"))
                        >= 1,
                "login latency histogram");
        assertTrue(PrometheusScrape.value(metrics, "http_server_requests_seconds_count", Map.of("uri", "/auth/login"))
                >= 1);
        // routes outside the list keep a plain summary: no buckets
        assertEquals(
                -1,
                PrometheusScrape.value(
                        metrics, "http_server_requests_seconds_bucket", Map.of("uri", "/auth/register")));
    }

    @Test
    void faultsAreAttributedToTheirStore() {
        assertEquals(StoreMetrics.Store.UNKNOWN, StoreMetrics.storeOf(new ConnectException()));
        assertEquals(StoreMetrics.Store.UNKNOWN, StoreMetrics.storeOf(new IllegalStateException()));
        assertEquals(
                StoreMetrics.Store.POSTGRES,
                StoreMetrics.storeOf(new RuntimeException(new org.hibernate.HibernateException("down"))));
        // the epoll transport's ETIMEDOUT (-110) names no client; only PostgreSQL's connections carry
        // TCP_USER_TIMEOUT; ECONNRESET (-104) could be either store's
        assertEquals(
                StoreMetrics.Store.POSTGRES,
                StoreMetrics.storeOf(new RuntimeException(new Errors.NativeIoException("recvAddress", -110))));
        assertEquals(
                StoreMetrics.Store.UNKNOWN, StoreMetrics.storeOf(new Errors.NativeIoException("recvAddress", -104)));
        // the SQL client's message for a request queued on a connection that had failed, with no stack
        assertEquals(
                StoreMetrics.Store.POSTGRES,
                StoreMetrics.storeOf(
                        new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
        assertEquals(
                StoreMetrics.Store.POSTGRES,
                StoreMetrics.storeOf(new NoStackTraceThrowable(
                        "Pending requests failed to be sent due to connection has been closed.")));
        assertEquals(StoreMetrics.Store.UNKNOWN, StoreMetrics.storeOf(new NoStackTraceThrowable("Connection closed")));
        // the same words with a stack of ours are not the SQL client's
        assertEquals(
                StoreMetrics.Store.UNKNOWN,
                StoreMetrics.storeOf(
                        new IllegalStateException("Connection is not active now, current status: CLOSED")));
    }
}
