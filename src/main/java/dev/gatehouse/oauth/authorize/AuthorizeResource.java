package dev.gatehouse.oauth.authorize;

import dev.gatehouse.audit.AuditContext;
import dev.gatehouse.audit.AuditOrigin;
import dev.gatehouse.config.Issuer;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.oauth.authorize.AuthorizationCodes.CodeGrant;
import dev.gatehouse.ratelimit.LoginGuard;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /oauth2/authorize} (RFC 6749 §4.1, PKCE required) and the login form it shows when the
 * browser has no session. A browser that has one is sent straight back with a code.
 */
@Path("/oauth2/authorize")
public class AuthorizeResource {

    private final AuthorizationRequests requests;
    private final PendingLogins pendingLogins;
    private final BrowserSessions sessions;
    private final AuthorizationCodes codes;
    private final LoginGuard loginGuard;
    private final AuthorizePages pages;
    private final Issuer issuer;
    private final AuditContext origin;

    public AuthorizeResource(
            AuthorizationRequests requests,
            PendingLogins pendingLogins,
            BrowserSessions sessions,
            AuthorizationCodes codes,
            LoginGuard loginGuard,
            AuthorizePages pages,
            Issuer issuer,
            AuditContext origin) {
        this.origin = origin;
        this.requests = requests;
        this.pendingLogins = pendingLogins;
        this.sessions = sessions;
        this.codes = codes;
        this.loginGuard = loginGuard;
        this.pages = pages;
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> authorize(@Context UriInfo uri, @CookieParam(BrowserSessions.COOKIE) String sessionId) {
        return requests.validate(uri.getQueryParameters())
                .chain(request -> sessions.find(sessionId).chain(session -> {
                    if (session != null
                            && request.acceptsSessionFrom(session.authTimeMillis(), System.currentTimeMillis())) {
                        return redirectWithCode(request, session, Response.Status.FOUND, null);
                    }
                    // OIDC Core §3.1.2.1: prompt=none shows no page; without a usable session it is login_required
                    if (request.showsNoPage()) {
                        throw AuthorizationError.redirected("login_required", "The user must log in", request);
                    }
                    return pendingLogins.start(request).map(started -> pages.login(200, request, started, null, null));
                }))
                .onFailure(AuthorizationError.class)
                .recoverWithItem(e -> refused((AuthorizationError) e));
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> login(
            @CookieParam(PendingLogins.COOKIE) String pendingCookie,
            MultivaluedMap<String, String> form,
            @Context HttpServerRequest http) {
        String pendingId = form.getFirst("pending");
        String email = form.getFirst("email");
        String password = form.getFirst("password");
        return pendingLogins
                .find(pendingCookie, pendingId, form.getFirst("csrf"))
                .chain(pending -> {
                    if (pending == null) {
                        Log.infof("Authorization login refused: CSRF token or pending request missing or wrong");
                        return Uni.createFrom()
                                .item(
                                        pages.error(
                                                403,
                                                "This sign-in form has expired or did not come from this browser. Start again from the application."));
                    }
                    var started = new PendingLogins.Started(pendingId, pending.csrf());
                    if (email == null || email.isBlank() || password == null || password.isEmpty()) {
                        return Uni.createFrom()
                                .item(pages.login(
                                        400, pending.request(), started, email, "Enter your email and password."));
                    }
                    return loginGuard
                            .authenticate(
                                    ClientIp.of(http),
                                    email,
                                    password,
                                    pending.request().clientId())
                            .chain(user -> sessions.begin(user.id.toString())
                                    .call(() -> pendingLogins.finish(pendingId))
                                    .chain(session -> redirectWithCode(
                                            pending.request(),
                                            session.session(),
                                            Response.Status.SEE_OTHER,
                                            BrowserSessions.cookie(session.id()))))
                            .onFailure(LoginGuard::isBadCredentials)
                            .recoverWithItem(() -> pages.login(
                                    401, pending.request(), started, email, "The email or password is incorrect."))
                            .onFailure(e -> e instanceof ApiException api && api.code() == ErrorCode.RATE_LIMITED)
                            .recoverWithItem(() -> pages.login(
                                    429,
                                    pending.request(),
                                    started,
                                    email,
                                    "Too many failed sign-ins. Wait a while and try again."));
                });
    }

    private Uni<Response> redirectWithCode(
            AuthorizationRequest request, BrowserSessions.Session session, Response.Status status, NewCookie cookie) {
        AuditOrigin browser = origin.current();
        CodeGrant grant = new CodeGrant(
                request.clientId(),
                request.redirectUri(),
                request.redirectUriGiven(),
                request.codeChallenge(),
                session.userId(),
                request.scope(),
                browser.ip(),
                browser.userAgent(),
                request.nonce(),
                session.authTimeMillis() / 1000,
                session.sid(),
                request.dpopJkt());
        return codes.issue(grant).map(code -> {
            Response.ResponseBuilder response = Response.status(status)
                    .location(Redirects.withCode(request, code, issuer.issuer()))
                    .header("Cache-Control", "no-store");
            return cookie == null ? response.build() : response.cookie(cookie).build();
        });
    }

    private Response refused(AuthorizationError e) {
        if (e.request() == null) {
            Log.infof("Authorization request shown an error: %s", e.getMessage());
            return pages.error(400, e.getMessage());
        }
        return Response.status(Response.Status.FOUND)
                .location(Redirects.withError(e.request(), e.error(), e.getMessage(), issuer.issuer()))
                .header("Cache-Control", "no-store")
                .build();
    }
}
