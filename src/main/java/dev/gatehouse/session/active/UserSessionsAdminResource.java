package dev.gatehouse.session.active;

import dev.gatehouse.token.GatehouseScopes;
import dev.gatehouse.token.TokenIdentity;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** {@code /api/admin/users/{id}/sessions}: a user's sessions, for admins; ending one is audited with the admin's id. */
@Path("/api/admin/users/{id}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class UserSessionsAdminResource {

    private static final String NO_USER = "No user with this id";

    private final ActiveSessions sessions;
    private final SecurityIdentity identity;

    public UserSessionsAdminResource(ActiveSessions sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    @PermissionsAllowed(GatehouseScopes.ADMIN)
    public Uni<SessionList> list(@PathParam("id") String id) {
        UUID userId = ActiveSessions.parseId(id, NO_USER);
        return sessions.listOfUser(userId, TokenIdentity.claims(identity).sessionId());
    }

    @DELETE
    @Path("/{sid}")
    @PermissionsAllowed(GatehouseScopes.ADMIN)
    public Uni<Response> end(@PathParam("id") String id, @PathParam("sid") String sid) {
        UUID userId = ActiveSessions.parseId(id, NO_USER);
        return sessions.end(userId, sid, TokenIdentity.userId(identity).toString())
                .replaceWith(Response.noContent().build());
    }
}
