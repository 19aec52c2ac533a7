package dev.gatehouse.session;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.BearerAuthFilter;
import dev.gatehouse.token.BearerToken;
import dev.gatehouse.token.Caller;
import dev.gatehouse.user.RegisterRequest;
import dev.gatehouse.user.UserAccount;
import dev.gatehouse.user.UserService;
import dev.gatehouse.user.UserView;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The first-party endpoints: {@code /auth/register, login, refresh, logout, logout-all}. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;
    private final UserService users;
    private final AccessTokenVerifier verifier;
    private final Caller caller;

    public SessionResource(SessionService sessions, UserService users, AccessTokenVerifier verifier, Caller caller) {
        this.sessions = sessions;
        this.users = users;
        this.verifier = verifier;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(@Valid @NotNull RegisterRequest request) {
        return users.register(request, List.of(UserAccount.ROLE_USER))
                .map(user -> Response.status(Response.Status.CREATED).entity(UserView.of(user)).build());
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TokenPair> login(@Valid @NotNull LoginRequest request) {
        return sessions.login(request);
    }

    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TokenPair> refresh(@Valid RefreshRequest request) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw ApiException.invalidRequest("refreshToken: is required");
        }
        return sessions.refresh(request.refreshToken());
    }

    /** The body is optional here (a Bearer header alone is enough), so it is read as text. */
    @POST
    @Path("/logout")
    public Uni<Response> logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        String refreshToken = RequestBodies.refreshToken(body);
        if (authorization == null && refreshToken == null) {
            throw ApiException.invalidRequest("Send the access token (Authorization: Bearer) and/or the refreshToken");
        }
        return sessions.logout(genuineOrNull(authorization), refreshToken)
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/logout-all")
    @BearerToken
    public Uni<Response> logoutAll() {
        caller.userId();
        return sessions.logoutAll(caller.claims()).replaceWith(Response.noContent().build());
    }

    /** Logout is idempotent: a token that no longer verifies has nothing left to revoke. */
    private AccessTokenClaims genuineOrNull(String authorization) {
        if (authorization == null) {
            return null;
        }
        try {
            return verifier.verify(BearerAuthFilter.bearerToken(authorization));
        } catch (ApiException e) {
            return null;
        }
    }
}
