package dev.gatehouse.keys;

import dev.gatehouse.token.GatehouseScopes;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/admin/keys/rotate}: the published next key signs from now on; the old one keeps verifying. */
@Path("/api/admin/keys/rotate")
@PermissionsAllowed(GatehouseScopes.ADMIN)
public class KeyAdminResource {

    /** {@code {"kid": "<the new active key>"}}. */
    public record Rotated(String kid) {}

    private final KeyRotation rotation;

    public KeyAdminResource(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Rotated> rotate() {
        return rotation.rotateNow().map(Rotated::new);
    }
}
