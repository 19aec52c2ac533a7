package dev.gatehouse.oauth.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A registered OAuth client. Lists are stored space-separated (none of their items may hold a space). */
@Entity
@Table(name = "oauth_client")
public class OAuthClient {

    public static final String AUTH_BASIC = "client_secret_basic";
    public static final String AUTH_POST = "client_secret_post";
    public static final String AUTH_NONE = "none";
    /** {@link #managedBy} of a client declared in the clients file. */
    public static final String MANAGED_BY_FILE = "file";

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_name")
    public String clientName;

    /** SHA-256 of the secret, or null for a public client. */
    @Column(name = "secret_hash")
    public byte[] secretHash;

    @Column(name = "redirect_uris", columnDefinition = "text")
    public String redirectUris;

    /** OpenID Connect RP-Initiated Logout 1.0 §3.1: where a logout may send the browser back to. */
    @Column(name = "post_logout_redirect_uris", columnDefinition = "text")
    public String postLogoutRedirectUris;

    @Column(name = "grant_types")
    public String grantTypes;

    @Column(name = "token_endpoint_auth_method")
    public String tokenEndpointAuthMethod;

    public String scope;

    /** RFC 8707 resource indicators this client may ask for; the first is its tokens' default audience. */
    @Column(columnDefinition = "text")
    public String resources;

    @Column(name = "access_token_ttl")
    public Integer accessTokenTtl;

    @Column(name = "refresh_token_ttl")
    public Integer refreshTokenTtl;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** RFC 9449 §5.2 {@code dpop_bound_access_tokens}: every token request must carry a DPoP proof. */
    @Column(name = "dpop_bound_access_tokens")
    public boolean dpopBoundAccessTokens;

    /** {@link #MANAGED_BY_FILE} for a declared client (the admin API cannot change it); null when registered through the admin API. */
    @Column(name = "managed_by")
    public String managedBy;

    public boolean isPublic() {
        return AUTH_NONE.equals(tokenEndpointAuthMethod);
    }

    public List<String> redirectUriList() {
        return words(redirectUris);
    }

    public List<String> postLogoutRedirectUriList() {
        return words(postLogoutRedirectUris);
    }

    public List<String> grantTypeList() {
        return words(grantTypes);
    }

    public Set<String> scopeSet() {
        return new LinkedHashSet<>(words(scope));
    }

    public List<String> resourceList() {
        return words(resources);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypeList().contains(grantType);
    }

    static List<String> words(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : Arrays.asList(value.trim().split(" +"));
    }
}
