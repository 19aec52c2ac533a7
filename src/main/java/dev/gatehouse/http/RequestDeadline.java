package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.ErrorResponses;
import dev.gatehouse.error.FaultLog;
import dev.gatehouse.metrics.StoreMetrics;
import dev.gatehouse.metrics.StoreMetrics.Store;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers 503 {@code temporarily_unavailable} (with {@code Retry-After}) for a request whose answer
 * has not started after {@code gatehouse.request-timeout} (declared, with its default, in
 * {@code GatehouseConfig}). Vert.x's PostgreSQL client has no query
 * timeout, and a PostgreSQL that stops answering without closing its connections (a frozen server,
 * a host whose packets vanish) held such requests for as long as the stall lasted. Nothing is
 * cancelled: the request's work goes on and commits or fails by itself (a refresh that commits
 * later is covered by the retry grace, as any lost answer is). An HTTP/1.1 connection is closed
 * with the answer, and what the late work then fails with is logged at DEBUG only ({@link
 * ErrorResponses#ANSWERED_EARLY}). Counted as a store fault of unknown store, and logged like one.
 * While the client is still sending its body the deadline waits for it, so a slow upload is
 * bounded by the HTTP server's idle timeout and never counted as a store's fault.
 */
public class RequestDeadline {

    /** Routing-context key of the request's pending timer. */
    private static final String TIMER = "gatehouse.deadline-timer";

    private final Vertx vertx;
    private final long timeoutMillis;
    private final StoreMetrics metrics;
    private final String body;

    public RequestDeadline(
            Vertx vertx,
            @ConfigProperty(name = "gatehouse.request-timeout") Duration timeout,
            StoreMetrics metrics,
            ObjectMapper json)
            throws JsonProcessingException {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
        this.metrics = metrics;
        this.body =
                ErrorResponses.json(json, ErrorCode.TEMPORARILY_UNAVAILABLE, ErrorResponses.UNAVAILABLE_DESCRIPTION);
    }

    /** Right after {@link RequestGuards}, so the answer carries its headers and request id. */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::handle).failureHandler(this::afterTheAnswer);
    }

    private void handle(RoutingContext context) {
        arm(context);
        context.addEndHandler(done -> vertx.cancelTimer(context.<Long>get(TIMER)));
        context.next();
    }

    private void arm(RoutingContext context) {
        context.put(TIMER, vertx.setTimer(timeoutMillis, id -> expire(context)));
    }

    /** The late work's failure to write to the answered response: no one's answer, no fault of its own. */
    private void afterTheAnswer(RoutingContext context) {
        if (context.get(ErrorResponses.ANSWERED_EARLY) == null) {
            context.next();
            return;
        }
        Log.debugf("A request answered 503 at its deadline failed later: %s", String.valueOf(context.failure()));
    }

    /**
     * Whether the client is still sending its body: fewer bytes have come than it declared (RFC 9110
     * §8.6), or a body of no declared length has not ended: an HTTP/1.1 chunked body without its
     * last chunk (RFC 9112 §7.1), an HTTP/2 body without its END_STREAM (RFC 9113 §8.1). The body is
     * read to its end before a resource runs, so a request that reached a store has ended. A request
     * whose method carries no body is never waited for: its end is not read while it is paused.
     */
    private static boolean stillSending(RoutingContext context) {
        HttpServerRequest request = context.request();
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            return hasBodyOfNoDeclaredLength(request) && !request.isEnded();
        }
        try {
            return request.bytesRead() < Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean hasBodyOfNoDeclaredLength(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            HttpMethod method = request.method();
            return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        }
        String coding = request.getHeader("Transfer-Encoding");
        return coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private void expire(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        if (stillSending(context)) {
            // the client is still sending its body: its slowness, not a store's (the HTTP server's
            // idle timeout bounds it); counting it would let a slow upload raise store-fault alerts
            arm(context);
            return;
        }
        context.put(ErrorResponses.ANSWERED_EARLY, Boolean.TRUE);
        metrics.storeError(Store.UNKNOWN);
        FaultLog.error(
                Store.UNKNOWN,
                "No answer to " + context.request().method() + " " + context.normalizedPath() + " after "
                        + timeoutMillis + " ms (PostgreSQL or Redis not answering, or a backlog): answered 503");
        response.setStatusCode(ErrorCode.TEMPORARILY_UNAVAILABLE.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Retry-After", Integer.toString(ErrorResponses.UNAVAILABLE_RETRY_AFTER_SECONDS));
        if (context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader("Connection", "close"); // HTTP/2 forbids the header (RFC 9113 §8.2.2)
        }
        response.end(body);
    }
}
