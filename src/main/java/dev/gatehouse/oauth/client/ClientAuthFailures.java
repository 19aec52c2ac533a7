package dev.gatehouse.oauth.client;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.http.ControlCharacters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records a failed client authentication: the log, the audit trail, and the client-wide counter
 * {@code gatehouse_client_auth_failures_total{client_id}} that alerts watch. The limit counts
 * failures per client and address, so a distributed attack on one client is never refused as a
 * whole; this counter is how operators see it. Only registered clients get a series of their own
 * (an attacker-chosen id would make the label set unbounded); every other id counts as
 * {@value #UNKNOWN}.
 */
@ApplicationScoped
public class ClientAuthFailures {

    static final String METRIC = "gatehouse.client.auth.failures";
    static final String UNKNOWN = "unknown";

    private final AuditLog audit;
    private final MeterRegistry registry;

    public ClientAuthFailures(AuditLog audit, MeterRegistry registry) {
        this.audit = audit;
        this.registry = registry;
    }

    /**
     * @param clientId   the id presented, or null when none could be read
     * @param registered whether a client with this id exists
     * @param reason     for the log and the audit trail only
     */
    void record(String clientId, boolean registered, String reason) {
        Log.infof("Client authentication failed for client %s: %s", ControlCharacters.escaped(clientId), reason);
        audit.record(AuditEventType.CLIENT_AUTH_FAILED, Outcome.FAILURE, null, clientId, reason);
        Counter.builder(METRIC)
                .description(
                        "Failed client authentications by client (registered clients only; others are \"unknown\")")
                .tag("client_id", registered ? clientId : UNKNOWN)
                .register(registry)
                .increment();
    }
}
