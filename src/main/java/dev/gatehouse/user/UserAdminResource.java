package dev.gatehouse.user;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.token.GatehouseScopes;
import dev.gatehouse.token.TokenIdentity;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code PUT /api/admin/users/{id}/roles}: replaces a user's roles (admins only). */
@Path("/api/admin/users/{id}/roles")
@PermissionsAllowed(GatehouseScopes.ADMIN)
public class UserAdminResource {

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_.:-]{0,63}");

    private final UserService users;
    private final SecurityIdentity identity;

    public UserAdminResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<UserView> replaceRoles(@PathParam("id") String id, @Valid @NotNull RolesRequest request) {
        UUID userId = parseId(id);
        if (!request.roles().stream().allMatch(role -> ROLE.matcher(role).matches())) {
            throw ApiException.invalidRequest("roles: each must be lower-case letters, digits, _ . : - (at most 64)");
        }
        // An admin cannot demote themselves: the last way into the admin API must not close by accident
        if (userId.equals(TokenIdentity.userId(identity)) && !request.roles().contains(UserAccount.ROLE_ADMIN)) {
            throw ApiException.invalidRequest("An admin cannot remove their own admin role");
        }
        return users.replaceRoles(userId, request.roles()).map(UserView::of);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(dev.gatehouse.error.ErrorCode.NOT_FOUND, "No user with this id");
        }
    }
}
