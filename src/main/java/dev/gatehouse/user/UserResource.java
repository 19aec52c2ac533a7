package dev.gatehouse.user;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.token.GatehouseScopes;
import dev.gatehouse.token.TokenIdentity;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/users}: the caller's own account, and the list of accounts for admins (a password change is {@code session.PasswordResource}). */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    static final int MAX_PAGE_SIZE = 200;
    private static final String PAGING_RULE = "page must be a whole number from 0, size from 1 to " + MAX_PAGE_SIZE;

    private final UserService users;
    private final SecurityIdentity identity;

    public UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Path("/me")
    @PermissionsAllowed(GatehouseScopes.ACCOUNT)
    public Uni<UserView> me() {
        return users.find(TokenIdentity.userId(identity)).map(UserView::of);
    }

    @GET
    @PermissionsAllowed(GatehouseScopes.ADMIN)
    public Uni<UserPage> list(
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        // Parsed here, not by JAX-RS, which answers an unparsable query parameter with 404
        int pageNumber = parse(page);
        int pageSize = parse(size);
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.invalidRequest(PAGING_RULE);
        }
        return users.list(pageNumber, pageSize);
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest(PAGING_RULE);
        }
    }
}
