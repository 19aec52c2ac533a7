package dev.gatehouse.oauth;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.denylist.Revocation;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.oauth.client.ClientAuthenticator;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.ratelimit.Limits;
import dev.gatehouse.redis.ReadAlong;
import dev.gatehouse.refresh.RefreshTokens;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.AccessTokenVerifier;
import dev.gatehouse.user.UserService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /oauth2/introspect} (RFC 7662): for an authenticated client, whether a token is
 * active. Access tokens are verified and checked against the denylist; a refresh token is
 * described only to the client that holds it. Anything else is {@code {"active": false}}.
 */
@Path("/oauth2/introspect")
public class IntrospectionResource {

    private final ClientAuthenticator authenticator;
    private final AccessTokenVerifier verifier;
    private final TokenDenylist denylist;
    private final RefreshTokens refreshTokens;
    private final UserService users;
    private final Issuer issuer;
    private final Limits limits;

    public IntrospectionResource(
            ClientAuthenticator authenticator,
            AccessTokenVerifier verifier,
            TokenDenylist denylist,
            RefreshTokens refreshTokens,
            UserService users,
            Issuer issuer,
            Limits limits) {
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.denylist = denylist;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.issuer = issuer;
        this.limits = limits;
    }

    /**
     * The token is verified first (no I/O), so the request limit, the client's failed
     * authentications and an access token's denylist marks take one Redis round trip together.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> introspect(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form,
            HttpServerRequest http) {
        FormParams params = new FormParams(form);
        String token = params.optional("token");
        AccessTokenClaims claims = token == null ? null : verifier.verifyOrNull(token);
        Revocation revocation = claims == null ? null : denylist.revocation(claims);
        return authenticator
                .authenticate(
                        authorization,
                        params,
                        limits.oauth(ClientIp.of(http)),
                        revocation == null ? ReadAlong.NONE : revocation)
                .chain(client -> {
                    // RFC 7662 §2.1: the caller must be authorized to introspect; public clients hold no secret
                    if (client.isPublic()) {
                        throw new ApiException(
                                ErrorCode.INVALID_CLIENT,
                                "Introspection needs a confidential client",
                                ClientAuthenticator.CHALLENGE);
                    }
                    params.required("token"); // RFC 7662 §2.1: token is REQUIRED
                    return claims != null ? accessToken(claims, revocation) : refreshToken(client, token);
                })
                .map(TokenResource::noStore);
    }

    private Uni<IntrospectionResponse> accessToken(AccessTokenClaims claims, Revocation revocation) {
        return Uni.createFrom()
                .item(() -> revocation.revoked()
                        ? IntrospectionResponse.INACTIVE
                        : new IntrospectionResponse(
                                true,
                                claims.subject(),
                                claims.clientId(),
                                String.join(" ", claims.scopes()),
                                claims.expiresAt().getEpochSecond(),
                                claims.issuedAt().getEpochSecond(),
                                issuer.issuer(),
                                claims.audiences().size() == 1
                                        ? claims.audiences().iterator().next()
                                        : List.copyOf(claims.audiences()),
                                // RFC 9449 §6.2: a bound token is of type DPoP, with the key it is bound to
                                claims.isDpopBound() ? "DPoP" : "Bearer",
                                claims.email(),
                                claims.jti(),
                                IntrospectionResponse.confirmation(claims.jkt())));
    }

    private Uni<IntrospectionResponse> refreshToken(OAuthClient client, String token) {
        return refreshTokens.describe(token, client.clientId).chain(row -> {
            if (row == null || !row.isUsableAt(Instant.now())) {
                return Uni.createFrom().item(IntrospectionResponse.INACTIVE);
            }
            Instant expiry =
                    row.idleExpiresAt.isBefore(row.absoluteExpiresAt) ? row.idleExpiresAt : row.absoluteExpiresAt;
            return users.find(row.userId)
                    .map(user -> new IntrospectionResponse(
                            true,
                            user.id.toString(),
                            row.clientId,
                            row.scope,
                            expiry.getEpochSecond(),
                            row.createdAt.getEpochSecond(),
                            issuer.issuer(),
                            null,
                            "refresh_token",
                            user.email,
                            null,
                            IntrospectionResponse.confirmation(row.dpopJkt)));
        });
    }
}
