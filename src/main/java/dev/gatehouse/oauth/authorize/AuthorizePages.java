package dev.gatehouse.oauth.authorize;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The HTML answers of the authorization endpoint, with the contract's page headers: a strict CSP
 * whose {@code form-action} also names the client's redirect origin (browsers apply it to the
 * redirect that ends the login), no framing, no caching.
 */
@ApplicationScoped
public class AuthorizePages {

    private final Template login;
    private final Template error;

    public AuthorizePages(
            @Location("authorize/login.html") Template login, @Location("authorize/error.html") Template error) {
        this.login = login;
        this.error = error;
    }

    public Response login(
            int status, AuthorizationRequest request, PendingLogins.Started pending, String email, String message) {
        String html = login.data("clientName", request.clientName())
                .data("pending", pending.id())
                .data("csrf", pending.csrf())
                .data("email", email)
                .data("error", message)
                .render();
        NewCookie cookie = new NewCookie.Builder(PendingLogins.COOKIE)
                .value(pending.id())
                .path("/oauth2/authorize")
                .maxAge((int) PendingLogins.TTL.toSeconds())
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return page(status, html, origin(request.redirectUri())).cookie(cookie).build();
    }

    public Response error(int status, String message) {
        return page(status, error.data("message", message).render(), null).build();
    }

    /** An HTML page with the contract's page headers; {@code redirectOrigin} (or null) may end a form post. */
    public static Response.ResponseBuilder page(int status, String html, String redirectOrigin) {
        String formAction = redirectOrigin == null ? "'self'" : "'self' " + redirectOrigin;
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Frame-Options", "DENY")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'self'; img-src 'self'; form-action " + formAction
                                + "; frame-ancestors 'none'; base-uri 'none'");
    }

    /** The origin of a redirect URI for CSP ({@code scheme://host[:port]}), or the scheme alone for private-use schemes. */
    public static String origin(String redirectUri) {
        URI uri = URI.create(redirectUri);
        if (uri.getHost() == null) {
            return uri.getScheme() + ":";
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
