package dev.gatehouse.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.metrics.AuthMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The audit trail's one entry point. {@link #record} writes the event at once as one JSON line
 * in log category {@value #CATEGORY}, counts it in {@code gatehouse_auth_events_total{type,
 * outcome}} and queues its row for PostgreSQL ({@link AuditStore}). It never throws and never
 * waits: call it from any thread, inside or outside a reactive chain, without chaining on it.
 * Events must carry ids and reasons only, never a password, a token or a secret.
 */
@Startup
@ApplicationScoped
public class AuditLog {

    /** Log category of the audit lines. */
    public static final String CATEGORY = "gatehouse.audit";

    static final String EVENTS_METRIC = "gatehouse.auth.events";

    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final Logger SELF = Logger.getLogger(AuditLog.class);

    private final ObjectMapper json;
    private final AuditStore store;
    private final AuditContext context;
    private final AuthMetrics metrics;
    private final Map<AuditEventType, Map<Outcome, Counter>> counters = new EnumMap<>(AuditEventType.class);

    public AuditLog(
            ObjectMapper json, AuditStore store, AuditContext context, AuthMetrics metrics, MeterRegistry registry) {
        this.json = json;
        this.store = store;
        this.context = context;
        this.metrics = metrics;
        // every series exists from start-up at 0, so alerts on increase() see the first event
        for (AuditEventType type : AuditEventType.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder(EVENTS_METRIC)
                                .description("Authentication events by audit type and outcome")
                                .tag("type", type.wireName())
                                .tag("outcome", outcome.wireName())
                                .register(registry));
            }
            counters.put(type, byOutcome);
        }
    }

    /** Records an event built by the caller ({@link AuditEvent#of} or {@link AuditEvent#system}). */
    public void record(AuditEvent event) {
        if (event == null) {
            return;
        }
        try {
            LOG.info(toJson(event));
        } catch (RuntimeException e) {
            SELF.warnf("Audit log line for %s not written: %s", event.type().wireName(), e.toString());
        }
        try {
            counters.get(event.type()).get(event.outcome()).increment();
            if (event.type() == AuditEventType.LOGIN_FAILED) {
                metrics.loginFailed(event.detail());
            }
            store.offer(event);
        } catch (RuntimeException e) {
            SELF.warnf("Audit event %s not counted or queued: %s", event.type().wireName(), e.toString());
        }
    }

    /**
     * Records an event that happens now, with the IP, user agent and request id of the current
     * HTTP request (all null outside a request, e.g. in a scheduled job).
     */
    public void record(AuditEventType type, Outcome outcome, String userId, String clientId, String detail) {
        AuditEvent event;
        try {
            event = AuditEvent.of(type, outcome, origin(), userId, clientId, detail);
        } catch (RuntimeException e) {
            SELF.warnf("Audit event not recorded: %s", e.toString());
            return;
        }
        record(event);
    }

    /** Writes every queued row now (tests, shutdown); completes once they are stored or counted as dropped. */
    public Uni<Void> flush() {
        return store.flush();
    }

    private AuditOrigin origin() {
        try {
            return context.current();
        } catch (RuntimeException e) {
            return AuditOrigin.NONE;
        }
    }

    private String toJson(AuditEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot render audit event " + event.type().wireName(), e);
        }
    }
}
