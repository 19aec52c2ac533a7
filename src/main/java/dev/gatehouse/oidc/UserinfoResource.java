package dev.gatehouse.oidc;

import dev.gatehouse.dpop.DpopChallenges;
import dev.gatehouse.dpop.PresentedTokens;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.token.AccessTokenClaims;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET, POST /oauth2/userinfo} (OIDC Core §5.3): the claims about the user that the access
 * token's scopes release. The token comes in {@code Authorization: Bearer}, {@code Authorization:
 * DPoP} with a proof (RFC 9449 §7), or, on POST, as a bearer token in the form (RFC 6750 §2.2);
 * {@link PresentedTokens} verifies it and {@link UserinfoTokens} checks what it may read.
 */
@Path("/oauth2/userinfo")
public class UserinfoResource {

    private final PresentedTokens presented;
    private final UserinfoTokens tokens;

    public UserinfoResource(PresentedTokens presented, UserinfoTokens tokens) {
        this.presented = presented;
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(HttpServerRequest request) {
        return answer(presented.verify(request));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> postForm(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @FormParam("access_token") String formToken,
            HttpServerRequest request) {
        // RFC 6750 §2: one way of sending the token per request
        if (authorization != null && formToken != null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Send the access token in one place only");
        }
        return answer(
                formToken != null
                        ? Uni.createFrom().item(() -> presented.verifyBearer(formToken))
                        : presented.verify(request));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> post(HttpServerRequest request) {
        return answer(presented.verify(request));
    }

    private Uni<Response> answer(Uni<AccessTokenClaims> verified) {
        return verified.chain(claims -> tokens.claimsFor(claims)
                        .onFailure(ApiException.class)
                        .transform(e -> DpopChallenges.forScheme(claims, (ApiException) e)))
                .map(claims -> Response.ok(claims)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }
}
