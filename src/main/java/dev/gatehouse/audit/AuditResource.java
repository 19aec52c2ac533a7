package dev.gatehouse.audit;

import dev.gatehouse.token.GatehouseScopes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/admin/audit?type=&userId=&clientId=&since=&limit=&cursor=}: the audit trail,
 * newest first, for admins. Pass {@code nextCursor} back as {@code cursor} for the next page.
 */
@Path("/api/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed(GatehouseScopes.ADMIN)
public class AuditResource {

    private final AuditRepository repository;

    public AuditResource(AuditRepository repository) {
        this.repository = repository;
    }

    @GET
    public Uni<AuditPage> list(
            @QueryParam("type") String type,
            @QueryParam("userId") String userId,
            @QueryParam("clientId") String clientId,
            @QueryParam("since") String since,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        AuditQuery query = AuditQuery.parse(type, userId, clientId, since, limit, cursor);
        return Panache.withSession(() -> repository.search(query)).map(rows -> AuditPage.of(rows, query.pageSize()));
    }
}
