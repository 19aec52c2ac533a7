package dev.gatehouse.oauth.grant;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.token.GatehouseScopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which resources a token issued to an OAuth client is for ({@code aud}, RFC 9068 §3, RFC 8707).
 * A client may ask with {@code resource} for the resources it was registered with, and for
 * Gatehouse's own API when a Gatehouse scope was granted; without {@code resource} the token is
 * for its first registered resource (and Gatehouse's API with a Gatehouse scope), else for the
 * client itself. Never for Gatehouse's API without a Gatehouse scope (RFC 9700 §2.3).
 */
@ApplicationScoped
public class Audiences {

    private final Issuer issuer;

    public Audiences(Issuer issuer) {
        this.issuer = issuer;
    }

    public Set<String> of(OAuthClient client, List<String> requested, Set<String> grantedScopes) {
        boolean ownApi = GatehouseScopes.reachOwnApi(grantedScopes);
        List<String> registered = client.resourceList();
        if (!requested.isEmpty()) {
            Set<String> allowed = new LinkedHashSet<>(registered);
            if (ownApi) {
                allowed.add(issuer.audience());
            }
            // RFC 8707 §2: a resource the client may not ask for is invalid_target
            if (!allowed.containsAll(requested)) {
                throw new ApiException(
                        ErrorCode.INVALID_TARGET,
                        "resource: this client may ask only for the resources it was registered with");
            }
            return new LinkedHashSet<>(requested);
        }
        Set<String> audiences = new LinkedHashSet<>();
        if (!registered.isEmpty()) {
            audiences.add(registered.get(0));
        }
        if (ownApi) {
            audiences.add(issuer.audience());
        }
        if (audiences.isEmpty()) {
            audiences.add(client.clientId);
        }
        return audiences;
    }
}
