package dev.gatehouse.session;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.oauth.authorize.BrowserSessions;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.token.BearerHeader;
import dev.gatehouse.token.GatehouseScopes;
import dev.gatehouse.token.TokenIdentity;
import dev.gatehouse.user.RegisterRequest;
import dev.gatehouse.user.UserAccount;
import dev.gatehouse.user.UserService;
import dev.gatehouse.user.UserView;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
    private final SecurityIdentity identity;
    private final CookieTransport cookies;
    private final Issuer issuer;
    private final RequestBodies bodies;

    public SessionResource(
            SessionService sessions,
            UserService users,
            AccessTokenVerifier verifier,
            SecurityIdentity identity,
            CookieTransport cookies,
            Issuer issuer,
            RequestBodies bodies) {
        this.bodies = bodies;
        this.issuer = issuer;
        this.cookies = cookies;
        this.sessions = sessions;
        this.users = users;
        this.verifier = verifier;
        this.identity = identity;
    }

    @POST
    @Path("/register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(@Valid @NotNull RegisterRequest request) {
        return users.register(request, List.of(UserAccount.ROLE_USER))
                .map(user -> Response.status(Response.Status.CREATED)
                        .entity(UserView.of(user))
                        .build());
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> login(
            @Valid @NotNull LoginRequest request,
            @Context HttpServerRequest http,
            @HeaderParam(CookieTransport.HEADER) String transport) {
        return sessions.login(request, ClientIp.of(http))
                .map(pair -> answer(pair, CookieTransport.requested(transport)));
    }

    /**
     * The refresh token comes in the body, or in the {@code gh_refresh} cookie (then with the CSRF
     * header, and answered in cookie transport). The body is optional, so it is read as text.
     */
    @POST
    @Path("/refresh")
    public Uni<Response> refresh(String body, @BeanParam RefreshTokenParams params) {
        RefreshTokenParams.Presented presented = params.presented(bodies.refreshToken(body, params.contentType));
        if (presented.token() == null) {
            throw ApiException.invalidRequest("refreshToken: is required");
        }
        return sessions.refresh(presented.token())
                .map(pair -> answer(pair, presented.fromCookie() || params.cookieTransportRequested()));
    }

    /** The body is optional here (a Bearer header alone is enough), so it is read as text. */
    @POST
    @Path("/logout")
    public Uni<Response> logout(
            String body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @BeanParam RefreshTokenParams params) {
        RefreshTokenParams.Presented presented = params.presented(bodies.refreshToken(body, params.contentType));
        if (authorization == null && presented.token() == null) {
            throw ApiException.invalidRequest("Send the access token (Authorization: Bearer) and/or the refreshToken");
        }
        boolean useCookie = presented.fromCookie();
        return sessions.logout(genuineOrNull(authorization), presented.token()).map(done -> {
            // the browser's authorization session ended too: a browser drops its cookie
            Response.ResponseBuilder response = Response.noContent().cookie(BrowserSessions.clearedCookie());
            if (useCookie) {
                cookies.cleared().forEach(response::cookie);
            }
            return response.build();
        });
    }

    @POST
    @Path("/logout-all")
    @PermissionsAllowed(GatehouseScopes.ACCOUNT)
    public Uni<Response> logoutAll() {
        return sessions.logoutAll(TokenIdentity.claims(identity))
                .replaceWith(Response.noContent().build());
    }

    /** In cookie transport the refresh token leaves the body for an HttpOnly cookie. */
    private Response answer(TokenPair pair, boolean cookieTransport) {
        if (!cookieTransport) {
            return Response.ok(pair).build();
        }
        Response.ResponseBuilder response = Response.ok(TokenPair.bearer(pair.token(), null, pair.expiresIn()));
        cookies.issue(pair.refreshToken()).forEach(response::cookie);
        return response.build();
    }

    /**
     * Logout is idempotent: a token that no longer verifies has nothing left to revoke. Only a
     * token for Gatehouse's own API ends a session here; an OAuth client revokes its tokens at
     * {@code /oauth2/revoke}.
     */
    private AccessTokenClaims genuineOrNull(String authorization) {
        if (authorization == null) {
            return null;
        }
        try {
            AccessTokenClaims claims = verifier.verifyOrNull(BearerHeader.token(authorization));
            return claims != null && claims.audiences().contains(issuer.audience()) ? claims : null;
        } catch (ApiException e) {
            return null; // not a Bearer header at all
        }
    }
}
