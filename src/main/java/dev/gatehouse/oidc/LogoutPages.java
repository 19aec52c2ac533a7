package dev.gatehouse.oidc;

import dev.gatehouse.oauth.authorize.AuthorizePages;
import dev.gatehouse.oauth.authorize.BrowserSessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The answers of {@code /oauth2/logout}: the confirmation page (with its CSRF cookie), the
 * signed-out page, and the redirect back to the client. Every answer after a logout clears the
 * browser's session cookie.
 */
@ApplicationScoped
public class LogoutPages {

    static final String COOKIE_PATH = "/oauth2/logout";

    private final Template confirm;
    private final Template loggedOut;
    private final Template error;

    public LogoutPages(
            @Location("oidc/logout.html") Template confirm,
            @Location("oidc/logged-out.html") Template loggedOut,
            @Location("authorize/error.html") Template error) {
        this.confirm = confirm;
        this.loggedOut = loggedOut;
        this.error = error;
    }

    /** A refusal, shown and never redirected. */
    public Response error(int status, String message) {
        return AuthorizePages.page(
                        status,
                        error.data("title", "Cannot sign out")
                                .data("message", message)
                                .render(),
                        null)
                .build();
    }

    /** Asks the user to confirm; the form may end in a redirect to {@code redirectUri} (or null). */
    public Response confirm(PendingLogouts.Started pending, String redirectUri, long ttlSeconds) {
        String html = confirm.data("pending", pending.id())
                .data("csrf", pending.csrf())
                .render();
        NewCookie cookie = new NewCookie.Builder(PendingLogouts.COOKIE)
                .value(pending.id())
                .path(COOKIE_PATH)
                .maxAge((int) ttlSeconds)
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return AuthorizePages.page(200, html, redirectUri == null ? null : AuthorizePages.origin(redirectUri))
                .cookie(cookie)
                .build();
    }

    /** After the logout: back to the client with its state (RP-Initiated Logout §3), or the signed-out page. */
    public Response done(String redirectUri, String state, Response.Status status) {
        Response.ResponseBuilder response = redirectUri == null
                ? AuthorizePages.page(200, loggedOut.render(), null)
                : Response.status(status)
                        .location(withState(redirectUri, state))
                        .header("Cache-Control", "no-store");
        return response.cookie(BrowserSessions.clearedCookie(), cleared()).build();
    }

    private static NewCookie cleared() {
        return new NewCookie.Builder(PendingLogouts.COOKIE)
                .value("")
                .path(COOKIE_PATH)
                .maxAge(0)
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }

    /** Adds {@code state}, keeping any query the registered URI has. */
    static URI withState(String redirectUri, String state) {
        if (state == null) {
            return URI.create(redirectUri);
        }
        return URI.create(redirectUri + (redirectUri.contains("?") ? '&' : '?') + "state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
    }
}
