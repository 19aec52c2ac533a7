package dev.gatehouse.session;

import dev.gatehouse.token.GatehouseScopes;
import dev.gatehouse.token.TokenIdentity;
import dev.gatehouse.user.ChangePasswordRequest;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/users/me/password}: the caller changes their password; their other sessions end. */
@Path("/api/users/me/password")
public class PasswordResource {

    private final PasswordChange passwords;
    private final SecurityIdentity identity;

    public PasswordResource(PasswordChange passwords, SecurityIdentity identity) {
        this.passwords = passwords;
        this.identity = identity;
    }

    @POST
    @PermissionsAllowed(GatehouseScopes.ACCOUNT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> change(@Valid @NotNull ChangePasswordRequest request) {
        return passwords
                .change(
                        TokenIdentity.userId(identity),
                        TokenIdentity.claims(identity).sessionId(),
                        request)
                .replaceWith(Response.noContent().build());
    }
}
