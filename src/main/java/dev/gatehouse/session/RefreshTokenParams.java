package dev.gatehouse.session;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Where {@code /auth/refresh} and {@code /auth/logout} may find the refresh token: the JSON body,
 * or the {@code gh_refresh} cookie, which must come with the CSRF double submit.
 */
public class RefreshTokenParams {

    /** A refresh token and whether it came from the cookie (then the answer uses cookie transport). */
    public record Presented(String token, boolean fromCookie) {}

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    public String contentType;

    @HeaderParam(CookieTransport.HEADER)
    public String transport;

    @CookieParam(CookieTransport.REFRESH_COOKIE)
    public String refreshCookie;

    @CookieParam(CookieTransport.CSRF_COOKIE)
    public String csrfCookie;

    @HeaderParam(CookieTransport.CSRF_HEADER)
    public String csrfHeader;

    /**
     * The body's token ({@code fromBody}, from {@link RequestBodies}), else the cookie's after the
     * CSRF check (403 {@code csrf_mismatch}); token null when neither.
     */
    Presented presented(String fromBody) {
        if (fromBody != null || refreshCookie == null || refreshCookie.isEmpty()) {
            return new Presented(fromBody, false);
        }
        CookieTransport.checkCsrf(csrfCookie, csrfHeader);
        return new Presented(refreshCookie, true);
    }

    boolean cookieTransportRequested() {
        return CookieTransport.requested(transport);
    }
}
