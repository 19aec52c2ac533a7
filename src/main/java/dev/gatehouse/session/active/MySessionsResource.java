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

/** {@code /api/users/me/sessions}: where the caller is signed in, and signing one device out. */
@Path("/api/users/me/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class MySessionsResource {

    private final ActiveSessions sessions;
    private final SecurityIdentity identity;

    public MySessionsResource(ActiveSessions sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    @PermissionsAllowed(GatehouseScopes.ACCOUNT)
    public Uni<SessionList> list() {
        return sessions.list(
                TokenIdentity.userId(identity), TokenIdentity.claims(identity).sessionId());
    }

    @DELETE
    @Path("/{id}")
    @PermissionsAllowed(GatehouseScopes.ACCOUNT)
    public Uni<Response> end(@PathParam("id") String id) {
        return sessions.end(TokenIdentity.userId(identity), id, null)
                .replaceWith(Response.noContent().build());
    }
}
