package dev.gatehouse.oauth.device;

import dev.gatehouse.oauth.authorize.AuthorizePages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * The HTML answers of {@code /oauth2/device}: the code form, the authorization endpoint's sign-in
 * page (posting here), the approve-or-deny page and the outcome, with the authorization pages'
 * headers ({@link AuthorizePages#page}).
 */
@ApplicationScoped
public class DevicePages {

    private final Template code;
    private final Template login;
    private final Template consent;
    private final Template done;
    private final AuthorizePages authorizePages;

    public DevicePages(
            @Location("device/code.html") Template code,
            @Location("authorize/login.html") Template login,
            @Location("device/consent.html") Template consent,
            @Location("device/done.html") Template done,
            AuthorizePages authorizePages) {
        this.code = code;
        this.login = login;
        this.consent = consent;
        this.done = done;
        this.authorizePages = authorizePages;
    }

    /** The form to type the code in; {@code csrf} is also set as the cookie (double submit). */
    public Response code(int status, String csrf, String userCode, String message) {
        String html = code.data("csrf", csrf)
                .data("userCode", userCode)
                .data("error", message)
                .render();
        return AuthorizePages.page(status, html, null).cookie(cookie(csrf)).build();
    }

    public Response login(
            int status,
            DeviceVerifications.Verification verification,
            DeviceVerifications.Started started,
            String email,
            String message) {
        String html = login.data("clientName", verification.clientName())
                .data("action", "/oauth2/device/login")
                .data("pending", started.id())
                .data("csrf", started.csrf())
                .data("email", email)
                .data("error", message)
                .render();
        return AuthorizePages.page(status, html, null)
                .cookie(cookie(started.id()))
                .build();
    }

    /** Approve or deny, naming the client and the code so the person can compare it with the device (RFC 8628 §5.4). */
    public Response consent(
            DeviceVerifications.Verification verification, DeviceVerifications.Started started, NewCookie session) {
        String html = consent.data("clientName", verification.clientName())
                .data("userCode", verification.userCode())
                .data("scope", verification.code().scope())
                .data("pending", started.id())
                .data("csrf", started.csrf())
                .render();
        Response.ResponseBuilder page = AuthorizePages.page(200, html, null).cookie(cookie(started.id()));
        return session == null ? page.build() : page.cookie(session).build();
    }

    public Response done(boolean approved, String clientName) {
        return AuthorizePages.page(
                        200,
                        done.data("approved", approved)
                                .data("clientName", clientName)
                                .render(),
                        null)
                .build();
    }

    public Response error(int status, String message) {
        return authorizePages.error(status, message);
    }

    private static NewCookie cookie(String value) {
        return new NewCookie.Builder(DeviceVerifications.COOKIE)
                .value(value)
                .path(DeviceAuthorizationResource.VERIFICATION_PATH)
                .maxAge((int) DeviceVerifications.TTL.toSeconds())
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
