package dev.gatehouse.oauth;

import dev.gatehouse.oauth.protocol.FormParams;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.metrics.AuthMetrics;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.oauth.client.ClientAuthenticator;
import dev.gatehouse.oauth.grant.GrantHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code POST /oauth2/token} (RFC 6749 §3.2): authenticates the client, then hands over to its grant. */
@Path("/oauth2/token")
public class TokenResource {

    private final ClientAuthenticator authenticator;
    private final Map<String, GrantHandler> grants;
    private final AuthMetrics metrics;

    public TokenResource(ClientAuthenticator authenticator, Instance<GrantHandler> handlers, AuthMetrics metrics) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.grants = handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, Function.identity()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               MultivaluedMap<String, String> form) {
        FormParams params = new FormParams(form);
        String grantType = params.required("grant_type");
        return authenticator.authenticate(authorization, params).chain(client -> {
            GrantHandler grant = grants.get(grantType);
            // RFC 6749 §5.2: a grant type this server does not know
            if (grant == null) {
                throw new ApiException(ErrorCode.UNSUPPORTED_GRANT_TYPE, "The grant type " + grantType + " is not supported");
            }
            // RFC 6749 §5.2: the client is not registered for this grant type
            if (!client.allowsGrant(grantType)) {
                throw new ApiException(ErrorCode.UNAUTHORIZED_CLIENT, "This client may not use the grant type " + grantType);
            }
            return grant.handle(client, params).invoke(() -> metrics.tokenIssued(grantType));
        }).map(TokenResource::noStore);
    }

    /** RFC 6749 §5.1: token responses must not be cached. */
    static Response noStore(Object body) {
        return Response.ok(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
