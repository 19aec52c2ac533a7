package dev.gatehouse.oauth.grant;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.oauth.protocol.Scopes;
import dev.gatehouse.oauth.protocol.TokenResponse;
import dev.gatehouse.refresh.RefreshAudit;
import dev.gatehouse.refresh.RefreshTokens;
import dev.gatehouse.refresh.RefreshTokens.Rotation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * RFC 6749 §6 with rotation: the same families as {@code /auth/refresh}; a refresh token only
 * works for the client it was issued to, and a spent one revokes its family. A public client's
 * token bound to a DPoP key works only with a proof of that key (RFC 9449 §5); the new access token
 * is bound to the key of the request's proof.
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

    private final RefreshTokens refreshTokens;
    private final OAuthTokens tokens;
    private final AuditLog audit;
    private final Audiences audiences;
    private final IdTokens idTokens;

    public RefreshTokenGrant(
            RefreshTokens refreshTokens, OAuthTokens tokens, AuditLog audit, Audiences audiences, IdTokens idTokens) {
        this.audiences = audiences;
        this.idTokens = idTokens;
        this.audit = audit;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParams params, String jkt) {
        String presented = params.required("refresh_token");
        String requestedScope = params.optional("scope");
        List<String> resources = params.all("resource");
        Uni<Void> scopeChecked = requestedScope == null && resources.isEmpty()
                ? Uni.createFrom().voidItem()
                // checked before rotating, so a refused scope or resource does not cost the client its token
                : refreshTokens
                        .scopeOf(presented, client.clientId)
                        .invoke(granted -> {
                            String scope = Scopes.grant(requestedScope, Scopes.parse(granted));
                            audiences.of(client, resources, Scopes.parse(scope));
                        })
                        .replaceWithVoid();
        // RFC 9449 §5: a refresh token bound to a key is spent only with a proof of that key
        return scopeChecked
                .chain(() -> refreshTokens.rotate(presented, client.clientId, jkt))
                .invoke(rotation -> RefreshAudit.record(audit, rotation, client.clientId))
                .chain(rotation -> {
                    if (!(rotation instanceof Rotation.Rotated rotated)) {
                        return Uni.createFrom()
                                .failure(new ApiException(
                                        ErrorCode.INVALID_GRANT, "The refresh token is invalid, expired or revoked"));
                    }
                    var row = rotated.next().row();
                    // RFC 6749 §6: a narrower scope may be asked for, never a wider one
                    String scope = Scopes.grant(requestedScope, Scopes.parse(row.scope));
                    return Uni.createFrom()
                            .item(() ->
                                    tokens.refreshed(client, rotated.account(), scope, resources, rotated.next(), jkt))
                            // OIDC Core §12.2: the ID token keeps the login's sub, auth_time and sid
                            .chain(response -> idTokens.afterRefresh(
                                    client, rotated.account(), scope, row.familyId.toString(), response));
                });
    }
}
