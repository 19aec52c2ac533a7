package dev.gatehouse.oauth.device;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.oauth.client.ClientAuthenticator;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.oauth.protocol.Scopes;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /oauth2/device_authorization} (RFC 8628 §3.1, §3.2): a client registered for the
 * device grant, authenticated as at the token endpoint, gets a device code to poll with and a
 * user code for the person to enter at {@code /oauth2/device}. Limited per client IP
 * ({@code gatehouse.rate-limit.device-authorization}, counted by {@code EndpointLimits}).
 */
@Path("/oauth2/device_authorization")
public class DeviceAuthorizationResource {

    /** Where the person enters the user code. */
    public static final String VERIFICATION_PATH = "/oauth2/device";

    private final ClientAuthenticator authenticator;
    private final DeviceCodes codes;
    private final Issuer issuer;

    public DeviceAuthorizationResource(ClientAuthenticator authenticator, DeviceCodes codes, Issuer issuer) {
        this.authenticator = authenticator;
        this.codes = codes;
        this.issuer = issuer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> authorize(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, MultivaluedMap<String, String> form) {
        FormParams params = new FormParams(form);
        return authenticator
                .authenticate(authorization, params)
                .chain(client -> {
                    // RFC 8628 §3.2 and RFC 6749 §5.2: the client is not registered for the device grant
                    if (!client.allowsGrant(DeviceCodes.GRANT_TYPE)) {
                        throw new ApiException(
                                ErrorCode.UNAUTHORIZED_CLIENT,
                                "This client may not use the device authorization grant");
                    }
                    // RFC 8628 §3.1 and RFC 6749 §3.3: only scopes the client was registered with
                    String scope = Scopes.grant(params.optional("scope"), client.scopeSet());
                    return codes.issue(client.clientId, scope)
                            .invoke(() -> Log.infof("Device authorization started for client %s", client.clientId));
                })
                .map(issued -> {
                    String verification = issuer.issuer() + VERIFICATION_PATH;
                    return Response.ok(new DeviceAuthorizationResponse(
                                    issued.deviceCode(),
                                    issued.userCode(),
                                    verification,
                                    verification + "?user_code=" + issued.userCode(),
                                    issued.expiresIn(),
                                    issued.interval()))
                            .header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .header("Pragma", "no-cache")
                            .build();
                });
    }
}
