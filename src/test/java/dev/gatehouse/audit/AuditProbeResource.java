package dev.gatehouse.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * Test-only endpoint: records an audit event after a database round trip, as a service deep in a
 * reactive chain would, so tests can check that the request's origin reaches the event.
 */
@Path("/test-support/audit-probe")
public class AuditProbeResource {

    private final AuditLog audit;
    private final AuditRepository repository;

    public AuditProbeResource(AuditLog audit, AuditRepository repository) {
        this.audit = audit;
        this.repository = repository;
    }

    @POST
    public Uni<Void> probe(@QueryParam("userId") String userId) {
        return Panache.withSession(() -> repository.count())
                .invoke(() -> audit.record(
                        AuditEventType.LOGIN_FAILED, Outcome.FAILURE, userId, "gatehouse", "wrong_password"))
                .replaceWithVoid();
    }
}
