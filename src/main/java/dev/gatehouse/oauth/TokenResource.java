package dev.gatehouse.oauth;

import dev.gatehouse.dpop.DpopProofs;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.metrics.AuthMetrics;
import dev.gatehouse.oauth.client.ClientAuthenticator;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.grant.GrantHandler;
import dev.gatehouse.oauth.protocol.FormParams;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /oauth2/token} (RFC 6749 §3.2): authenticates the client, checks the request's DPoP
 * proof when it sends one (RFC 9449 §5), then hands over to its grant.
 */
@Path("/oauth2/token")
public class TokenResource {

    private static final String PATH = "/oauth2/token";

    private final ClientAuthenticator authenticator;
    private final Map<String, GrantHandler> grants;
    private final AuthMetrics metrics;
    private final DpopProofs proofs;

    public TokenResource(
            ClientAuthenticator authenticator,
            Instance<GrantHandler> handlers,
            AuthMetrics metrics,
            DpopProofs proofs) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.proofs = proofs;
        this.grants =
                handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, Function.identity()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> token(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form,
            HttpServerRequest http) {
        FormParams params = new FormParams(form);
        String grantType = params.required("grant_type");
        return authenticator.authenticate(authorization, params).chain(client -> {
            GrantHandler grant = grants.get(grantType);
            // RFC 6749 §5.2: a grant type this server does not know
            if (grant == null) {
                throw new ApiException(
                        ErrorCode.UNSUPPORTED_GRANT_TYPE, "The grant type " + grantType + " is not supported");
            }
            // RFC 6749 §5.2: the client is not registered for this grant type
            if (!client.allowsGrant(grantType)) {
                throw new ApiException(
                        ErrorCode.UNAUTHORIZED_CLIENT, "This client may not use the grant type " + grantType);
            }
            return proof(client, http.headers().getAll(DpopProofs.HEADER))
                    .chain(proven -> grant.handle(client, params, proven == null ? null : proven.jkt())
                            .invoke(() -> metrics.tokenIssued(grantType))
                            .map(body -> withNonce(noStore(body), proven)));
        });
    }

    /** The checked proof of the request, or null when it sent none and the client may do without. */
    private Uni<DpopProofs.Proven> proof(OAuthClient client, List<String> headers) {
        if (!headers.isEmpty()) {
            return proofs.check(headers, HttpMethod.POST, PATH, null);
        }
        // RFC 9449 §5.2: a client registered with dpop_bound_access_tokens always sends a proof
        if (client.dpopBoundAccessTokens) {
            return Uni.createFrom()
                    .failure(new ApiException(
                            ErrorCode.INVALID_DPOP_PROOF,
                            "This client must send a DPoP proof with every token request"));
        }
        return Uni.createFrom().nullItem();
    }

    /** RFC 9449 §8.2: a new nonce travels with a successful answer. */
    private static Response withNonce(Response response, DpopProofs.Proven proven) {
        return proven == null || proven.nextNonce() == null
                ? response
                : Response.fromResponse(response)
                        .header(DpopProofs.NONCE_HEADER, proven.nextNonce())
                        .build();
    }

    /** RFC 6749 §5.1: token responses must not be cached. */
    static Response noStore(Object body) {
        return Response.ok(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
