package dev.gatehouse.oauth.device;

import dev.gatehouse.audit.AuditContext;
import dev.gatehouse.audit.AuditOrigin;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.oauth.authorize.BrowserSessions;
import dev.gatehouse.oauth.client.ClientCache;
import dev.gatehouse.ratelimit.LoginGuard;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The verification page of RFC 8628 §3.3 at {@code /oauth2/device}: the person types the user
 * code (each try counted per client IP by {@code EndpointLimits}, {@code gatehouse.rate-limit.device-code}),
 * signs in with the authorization endpoint's login page and limits unless the browser has a
 * session, then approves or denies. Every form is CSRF-protected: the code form by a double-submit
 * cookie, the later ones by a stored verification ({@link DeviceVerifications}).
 */
@Path(DeviceAuthorizationResource.VERIFICATION_PATH)
public class DeviceResource {

    private static final String NOT_VALID =
            "That code is not valid. Check the code shown on your device and try again.";
    private static final String EXPIRED_FORM = "This form has expired or did not come from this browser. Start again.";

    private final DeviceCodes codes;
    private final DeviceVerifications verifications;
    private final BrowserSessions sessions;
    private final LoginGuard loginGuard;
    private final ClientCache clients;
    private final DevicePages pages;
    private final AuditContext origin;

    public DeviceResource(
            DeviceCodes codes,
            DeviceVerifications verifications,
            BrowserSessions sessions,
            LoginGuard loginGuard,
            ClientCache clients,
            DevicePages pages,
            AuditContext origin) {
        this.codes = codes;
        this.verifications = verifications;
        this.sessions = sessions;
        this.loginGuard = loginGuard;
        this.clients = clients;
        this.pages = pages;
        this.origin = origin;
    }

    /** RFC 8628 §3.3: {@code verification_uri}, or {@code verification_uri_complete} with the code filled in. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response codeForm(@QueryParam("user_code") String userCode) {
        String normalized = UserCodes.normalize(userCode);
        return pages.code(
                200, OpaqueTokens.newToken(), normalized == null ? null : UserCodes.display(normalized), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> enter(
            @CookieParam(DeviceVerifications.COOKIE) String cookie,
            @CookieParam(BrowserSessions.COOKIE) String sessionId,
            MultivaluedMap<String, String> form) {
        String csrf = form.getFirst("csrf");
        // CSRF (double submit): the form's token must be this browser's cookie
        if (!DeviceVerifications.same(cookie, csrf)) {
            return Uni.createFrom().item(pages.error(403, EXPIRED_FORM));
        }
        String typed = form.getFirst("user_code");
        String userCode = UserCodes.normalize(typed);
        Uni<DeviceCodes.Waiting> waiting = userCode == null ? Uni.createFrom().nullItem() : codes.waiting(userCode);
        return waiting.chain(code -> {
            if (code == null) {
                Log.infof("Device verification: a user code that is unknown, expired or decided was entered");
                return Uni.createFrom().item(pages.code(400, csrf, typed, NOT_VALID));
            }
            String display = UserCodes.display(userCode);
            return clients.find(code.clientId())
                    .chain(client -> client == null
                            ? Uni.createFrom().item(pages.code(400, csrf, typed, NOT_VALID))
                            : verifications
                                    .start(code, display, client.clientName)
                                    .chain(started -> {
                                        var verification = new DeviceVerifications.Verification(
                                                code, display, client.clientName, started.csrf());
                                        // a browser that is signed in goes straight to the decision
                                        return sessions.userOf(sessionId)
                                                .map(userId -> userId == null
                                                        ? pages.login(200, verification, started, null, null)
                                                        : pages.consent(verification, started, null));
                                    }));
        });
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> login(
            @CookieParam(DeviceVerifications.COOKIE) String cookie,
            MultivaluedMap<String, String> form,
            @Context HttpServerRequest http) {
        String pendingId = form.getFirst("pending");
        String email = form.getFirst("email");
        String password = form.getFirst("password");
        return verifications.find(cookie, pendingId, form.getFirst("csrf")).chain(verification -> {
            if (verification == null) {
                return Uni.createFrom().item(pages.error(403, EXPIRED_FORM));
            }
            var started = new DeviceVerifications.Started(pendingId, verification.csrf());
            if (email == null || email.isBlank() || password == null || password.isEmpty()) {
                return Uni.createFrom()
                        .item(pages.login(400, verification, started, email, "Enter your email and password."));
            }
            return loginGuard
                    .authenticate(
                            ClientIp.of(http),
                            email,
                            password,
                            verification.code().clientId())
                    .chain(user -> sessions.start(user.id.toString()))
                    .map(sessionId -> pages.consent(verification, started, BrowserSessions.cookie(sessionId)))
                    .onFailure(LoginGuard::isBadCredentials)
                    .recoverWithItem(
                            () -> pages.login(401, verification, started, email, "The email or password is incorrect."))
                    .onFailure(e -> e instanceof ApiException api && api.code() == ErrorCode.RATE_LIMITED)
                    .recoverWithItem(() -> pages.login(
                            429,
                            verification,
                            started,
                            email,
                            "Too many failed sign-ins. Wait a while and try again."));
        });
    }

    @POST
    @Path("/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> decide(
            @CookieParam(DeviceVerifications.COOKIE) String cookie,
            @CookieParam(BrowserSessions.COOKIE) String sessionId,
            MultivaluedMap<String, String> form) {
        String pendingId = form.getFirst("pending");
        boolean approved = "approve".equals(form.getFirst("decision"));
        return verifications
                .find(cookie, pendingId, form.getFirst("csrf"))
                .chain(verification -> verification == null
                        ? Uni.createFrom().item(pages.error(403, EXPIRED_FORM))
                        : sessions.userOf(sessionId).chain(userId -> {
                            if (userId == null) {
                                return Uni.createFrom()
                                        .item(pages.error(403, "Your sign-in has ended. Enter the code again."));
                            }
                            AuditOrigin browser = origin.current();
                            return codes.decide(
                                            verification.code(), userId, approved, browser.ip(), browser.userAgent())
                                    .call(() -> verifications.finish(pendingId))
                                    .map(decided -> {
                                        if (!decided) {
                                            return pages.error(
                                                    400,
                                                    "This code has expired or was already used. Start again on your device.");
                                        }
                                        Log.infof(
                                                "Device code of client %s %s by user %s",
                                                verification.code().clientId(),
                                                approved ? "approved" : "denied",
                                                userId);
                                        return pages.done(approved, verification.clientName());
                                    });
                        }));
    }
}
