package dev.gatehouse.oidc;

import dev.gatehouse.oauth.authorize.BrowserSessions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;

/**
 * {@code GET, POST /oauth2/logout}: OpenID Connect RP-Initiated Logout 1.0. With a valid
 * {@code id_token_hint} for the browser's user the logout happens at once; without one the user
 * confirms it on a page whose form is bound to this browser ({@link PendingLogouts}).
 */
@Path("/oauth2/logout")
public class LogoutResource {

    private final LogoutRequests requests;
    private final BrowserSessions sessions;
    private final PendingLogouts pending;
    private final Logouts logouts;
    private final LogoutPages pages;

    public LogoutResource(
            LogoutRequests requests,
            BrowserSessions sessions,
            PendingLogouts pending,
            Logouts logouts,
            LogoutPages pages) {
        this.requests = requests;
        this.sessions = sessions;
        this.pending = pending;
        this.logouts = logouts;
        this.pages = pages;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> get(@Context UriInfo uri, @CookieParam(BrowserSessions.COOKIE) String sessionId) {
        return logout(uri.getQueryParameters(), sessionId, Response.Status.FOUND);
    }

    /** RP-Initiated Logout §2: the same request may come as a form post. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> post(
            MultivaluedMap<String, String> form, @CookieParam(BrowserSessions.COOKIE) String sessionId) {
        return logout(form, sessionId, Response.Status.SEE_OTHER);
    }

    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> confirm(
            MultivaluedMap<String, String> form,
            @CookieParam(PendingLogouts.COOKIE) String pendingCookie,
            @CookieParam(BrowserSessions.COOKIE) String sessionId) {
        return pending.take(pendingCookie, form.getFirst("pending"), form.getFirst("csrf"))
                .chain(intent -> {
                    if (intent == null) {
                        Log.infof("Logout confirmation refused: CSRF token or pending logout missing or wrong");
                        return Uni.createFrom()
                                .item(
                                        pages.error(
                                                403,
                                                "This sign-out form has expired or did not come from this browser. Start again from the application."));
                    }
                    return sessions.find(sessionId)
                            .chain(session -> session == null
                                    ? Uni.createFrom().voidItem()
                                    : logouts.end(session.userId(), Arrays.asList(session.sid()), sessionId, null))
                            .replaceWith(
                                    () -> pages.done(intent.redirectUri(), intent.state(), Response.Status.SEE_OTHER));
                });
    }

    private Uni<Response> logout(
            MultivaluedMap<String, String> params, String sessionId, Response.Status redirectStatus) {
        return Uni.createFrom()
                .deferred(() -> requests.validate(params))
                .chain(request -> sessions.find(sessionId).chain(session -> {
                    IdTokenHints.Hint hint = request.hint();
                    // RP-Initiated Logout §2: a hint for another user than the browser's is no proof of intent
                    if (hint != null && (session == null || session.userId().equals(hint.userId()))) {
                        return logouts.end(
                                        hint.userId(),
                                        Arrays.asList(hint.sid(), session == null ? null : session.sid()),
                                        sessionId,
                                        hint.clientId())
                                .replaceWith(() -> pages.done(request.redirectUri(), request.state(), redirectStatus));
                    }
                    return pending.start(request.redirectUri(), request.state())
                            .map(started -> pages.confirm(
                                    started,
                                    request.redirectUri(),
                                    pending.ttl().toSeconds()));
                }))
                .onFailure(LogoutRequests.LogoutRefused.class)
                .recoverWithItem(e -> {
                    Log.infof("Logout request shown an error: %s", e.getMessage());
                    return pages.error(400, e.getMessage());
                });
    }
}
