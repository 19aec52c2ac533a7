package dev.gatehouse.oidc;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.token.BearerHeader;
import io.smallrye.mutiny.Uni;
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
 * token's scopes release. The token comes in {@code Authorization: Bearer} or, on POST, in the
 * form (RFC 6750 §2.1, §2.2); it is checked by {@link UserinfoTokens}.
 */
@Path("/oauth2/userinfo")
public class UserinfoResource {

    private final UserinfoTokens tokens;

    public UserinfoResource(UserinfoTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(BearerHeader.token(authorization));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> postForm(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @FormParam("access_token") String formToken) {
        // RFC 6750 §2: one way of sending the token per request
        if (authorization != null && formToken != null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Send the access token in one place only");
        }
        return answer(formToken != null ? formToken : BearerHeader.token(authorization));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(BearerHeader.token(authorization));
    }

    private Uni<Response> answer(String token) {
        return tokens.claimsFor(token).map(claims -> Response.ok(claims).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }
}
