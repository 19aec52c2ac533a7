package dev.gatehouse.oauth.client;

import dev.gatehouse.token.GatehouseScopes;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/admin/clients}: register and manage OAuth clients (RFC 7591 metadata), admins only. */
@Path("/api/admin/clients")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed(GatehouseScopes.ADMIN)
public class ClientAdminResource {

    private final ClientService clients;

    public ClientAdminResource(ClientService clients) {
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@NotNull ClientMetadata request) {
        return clients.create(request)
                .map(created ->
                        Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    public Uni<ClientList> list() {
        return clients.list();
    }

    @GET
    @Path("/{clientId}")
    public Uni<ClientMetadata> get(@PathParam("clientId") String clientId) {
        return clients.get(clientId);
    }

    @PUT
    @Path("/{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ClientMetadata> update(@PathParam("clientId") String clientId, @NotNull ClientMetadata request) {
        return clients.update(clientId, request);
    }

    @DELETE
    @Path("/{clientId}")
    public Uni<Response> delete(@PathParam("clientId") String clientId) {
        return clients.delete(clientId).replaceWith(Response.noContent().build());
    }
}
