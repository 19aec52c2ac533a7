package dev.gatehouse.oauth;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.oauth.client.ClientAuthenticator;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.ratelimit.Limits;
import dev.gatehouse.redis.ReadAlong;
import dev.gatehouse.refresh.FamilyRevocations;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.token.AccessTokenVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /oauth2/revoke} (RFC 7009): a client revokes its own tokens. A refresh token takes
 * its family with it; an access token goes on the denylist. Unknown tokens still get 200 (§2.2).
 */
@Path("/oauth2/revoke")
public class RevocationResource {

    private final ClientAuthenticator authenticator;
    private final FamilyRevocations revocations;
    private final AccessTokenVerifier verifier;
    private final TokenDenylist denylist;
    private final AuditLog audit;
    private final Limits limits;

    public RevocationResource(
            ClientAuthenticator authenticator,
            FamilyRevocations revocations,
            AccessTokenVerifier verifier,
            TokenDenylist denylist,
            AuditLog audit,
            Limits limits) {
        this.audit = audit;
        this.limits = limits;
        this.authenticator = authenticator;
        this.revocations = revocations;
        this.verifier = verifier;
        this.denylist = denylist;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> revoke(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> form,
            HttpServerRequest http) {
        FormParams params = new FormParams(form);
        return authenticator
                .authenticate(authorization, params, limits.oauth(ClientIp.of(http)), ReadAlong.NONE)
                .chain(client -> revoke(client, params.required("token"))) // RFC 7009 §2.1: token is REQUIRED
                .replaceWith(Response.ok().build());
    }

    private Uni<Void> revoke(OAuthClient client, String token) {
        return revocations.revokeFamilyOf(token, client.clientId).chain(revoked -> {
            if (revoked == null) {
                return revokeAccessToken(client, token);
            }
            audit.record(
                    AuditEventType.TOKEN_REVOKED,
                    Outcome.SUCCESS,
                    revoked.userId.toString(),
                    client.clientId,
                    "refresh family " + revoked.familyId + " and its access tokens");
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> revokeAccessToken(OAuthClient client, String token) {
        AccessTokenClaims claims = verifier.verifyOrNull(token);
        // RFC 7009 §2.1: a client may only revoke tokens that were issued to it
        if (claims == null || !client.clientId.equals(claims.clientId())) {
            return Uni.createFrom().voidItem();
        }
        return denylist.deny(claims.jti(), claims.expiresAt())
                .invoke(() -> audit.record(
                        AuditEventType.TOKEN_REVOKED,
                        Outcome.SUCCESS,
                        claims.userId(),
                        client.clientId,
                        "access token " + claims.jti()));
    }
}
