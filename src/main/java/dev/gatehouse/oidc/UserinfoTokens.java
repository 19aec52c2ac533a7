package dev.gatehouse.oidc;

import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.token.AccessTokenClaims;
import dev.gatehouse.user.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * The access token of a userinfo request, verified ({@code PresentedTokens}), then checked: any unrevoked access token Gatehouse issued to
 * a user with the {@code openid} scope, whatever its audience (the userinfo endpoint serves every
 * client, as at most OpenID Providers); an ID token ({@code typ: JWT}) never passes.
 */
@ApplicationScoped
public class UserinfoTokens {

    private final TokenDenylist denylist;
    private final UserService users;

    public UserinfoTokens(TokenDenylist denylist, UserService users) {
        this.denylist = denylist;
        this.users = users;
    }

    /** The user's claims a verified token's scopes release; 401 {@code invalid_token} or 403 {@code insufficient_scope}. */
    public Uni<Map<String, Object>> claimsFor(AccessTokenClaims claims) {
        // OIDC Core §5.3: userinfo is about a user; a client's own token has none
        if (claims.userId() == null) {
            return Uni.createFrom().failure(ApiException.invalidToken("The access token is not a user's"));
        }
        return denylist.isRevoked(claims).chain(revoked -> {
            if (revoked) {
                return Uni.createFrom().failure(ApiException.invalidToken("The access token has been revoked"));
            }
            // OIDC Core §5.3.3, RFC 6750 §3.1: userinfo needs the openid scope
            if (!claims.scopes().contains(UserClaims.OPENID)) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                ErrorCode.INSUFFICIENT_SCOPE, "The access token does not grant the openid scope"));
            }
            return users.find(UUID.fromString(claims.userId())).map(user -> UserClaims.of(user, claims.scopes()));
        });
    }
}
