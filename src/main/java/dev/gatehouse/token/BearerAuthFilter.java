package dev.gatehouse.token;

import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@link BearerToken} resource: RFC 6750 §2.1 header, signature and claims,
 * then the denylist (after the signature, so forged tokens cost no Redis call), then the role.
 */
public class BearerAuthFilter {

    private static final String SCHEME = "Bearer ";

    private final AccessTokenVerifier verifier;
    private final TokenDenylist denylist;
    private final Caller caller;

    public BearerAuthFilter(AccessTokenVerifier verifier, TokenDenylist denylist, Caller caller) {
        this.verifier = verifier;
        this.denylist = denylist;
        this.caller = caller;
    }

    @BearerToken
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        AccessTokenClaims claims = verifier.verify(token);
        String role = requiredRole(resource);
        return denylist.isRevoked(claims).invoke(revoked -> {
            if (revoked) {
                throw ApiException.invalidToken("The access token has been revoked");
            }
            // RFC 6750 §3.1: a valid token without the privileges needed is insufficient_scope (403)
            if (!role.isEmpty() && !claims.hasRole(role)) {
                throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "This endpoint needs the role " + role);
            }
            caller.set(claims);
        }).replaceWithVoid();
    }

    /** The token of an {@code Authorization: Bearer} header, or a 401 without an error code (RFC 6750 §3.1). */
    public static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || authorization.length() == SCHEME.length()) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "A bearer access token is required",
                    "Bearer realm=\"gatehouse\"");
        }
        return authorization.substring(SCHEME.length()).trim();
    }

    private static String requiredRole(ResourceInfo resource) {
        BearerToken onMethod = resource.getResourceMethod().getAnnotation(BearerToken.class);
        BearerToken annotation = onMethod != null ? onMethod
                : resource.getResourceClass().getAnnotation(BearerToken.class);
        return annotation == null ? "" : annotation.role();
    }
}
