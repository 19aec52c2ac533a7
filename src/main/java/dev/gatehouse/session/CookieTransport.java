package dev.gatehouse.session;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.crypto.ConstantTime;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.util.List;

/**
 * Refresh tokens for browser apps: only in an HttpOnly cookie ({@code gh_refresh}, path
 * {@code /auth}) that scripts cannot read, with a readable {@code gh_csrf} cookie whose value the
 * app echoes in {@code X-CSRF-Token} (double submit); SameSite=Strict on both.
 */
@ApplicationScoped
public class CookieTransport {

    public static final String HEADER = "X-Token-Transport";
    public static final String REFRESH_COOKIE = "gh_refresh";
    public static final String CSRF_COOKIE = "gh_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final int maxAgeSeconds;

    public CookieTransport(GatehouseConfig config) {
        this.maxAgeSeconds = (int) config.token().refreshIdleTtl().toSeconds();
    }

    /** Whether the client asked for cookie transport. */
    public static boolean requested(String transportHeader) {
        return transportHeader != null && transportHeader.trim().equalsIgnoreCase("cookie");
    }

    /** The cookies that carry a new refresh token, with a fresh CSRF token. */
    public List<NewCookie> issue(String refreshToken) {
        return List.of(
                cookie(REFRESH_COOKIE, refreshToken, "/auth", true, maxAgeSeconds),
                cookie(CSRF_COOKIE, OpaqueTokens.newToken(), "/", false, maxAgeSeconds));
    }

    /** Cookies that remove both (after logout). */
    public List<NewCookie> cleared() {
        return List.of(cookie(REFRESH_COOKIE, "", "/auth", true, 0), cookie(CSRF_COOKIE, "", "/", false, 0));
    }

    /** A request that uses the refresh cookie must echo the CSRF cookie in the header; else 403 {@code csrf_mismatch}. */
    public static void checkCsrf(String csrfCookie, String csrfHeader) {
        if (csrfCookie == null
                || csrfHeader == null
                || csrfCookie.isEmpty()
                || !ConstantTime.equals(csrfCookie, csrfHeader)) {
            throw new ApiException(
                    ErrorCode.CSRF_MISMATCH, "Send the gh_csrf cookie's value in the X-CSRF-Token header");
        }
    }

    private static NewCookie cookie(String name, String value, String path, boolean httpOnly, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(path)
                .maxAge(maxAge)
                .httpOnly(httpOnly)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
