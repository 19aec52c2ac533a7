package dev.gatehouse.token;

import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.ratelimit.Limit;
import dev.gatehouse.ratelimit.RequestLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Authenticates every {@link BearerToken} resource: RFC 6750 §2.1 header, signature and claims,
 * then the denylist (after the signature, so forged tokens cost no denylist lookup), then the role.
 * The request limit of {@code /api/**} is counted here too, in the same Redis round trip as the
 * denylist lookup: one round trip per protected request. Every {@code /api/**} resource takes a
 * bearer token, so this is where all of them are counted (ApiResourcesTest keeps it so).
 */
public class BearerAuthFilter {

    private static final String SCHEME = "Bearer ";

    private final AccessTokenVerifier verifier;
    private final TokenDenylist denylist;
    private final Caller caller;
    private final RequestLimits limits;

    public BearerAuthFilter(AccessTokenVerifier verifier, TokenDenylist denylist, Caller caller, RequestLimits limits) {
        this.verifier = verifier;
        this.denylist = denylist;
        this.caller = caller;
        this.limits = limits;
    }

    @BearerToken
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Limit limit = limits.limitFor(request.getUriInfo().getPath(), ClientIp.of(http));
        AccessTokenClaims claims;
        try {
            claims = verifier.verify(bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        } catch (ApiException refused) {
            // a refused token still counts against the request limit (429 comes before 401)
            return limit == null ? Uni.createFrom().failure(refused)
                    : limits.count(limit, List.of()).chain(ignored -> Uni.createFrom().failure(refused));
        }
        String role = requiredRole(resource);
        List<String> keys = denylist.keys(claims);
        // one Redis round trip: the request limit and both denylist marks in one script
        Uni<List<String>> marks = limit == null ? denylist.read(keys) : limits.count(limit, keys);
        return marks.invoke(found -> {
            if (denylist.isRevoked(claims, found)) {
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

    /** The {@link BearerToken} that binds this filter to the resource (method first, then class), or null. */
    private static BearerToken bindingOf(ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return null;
        }
        BearerToken onMethod = resource.getResourceMethod().getAnnotation(BearerToken.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(BearerToken.class);
    }

    private static String requiredRole(ResourceInfo resource) {
        BearerToken annotation = bindingOf(resource);
        return annotation == null ? "" : annotation.role();
    }
}
