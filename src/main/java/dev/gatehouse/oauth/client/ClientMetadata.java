package dev.gatehouse.oauth.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * RFC 7591 §2 client metadata, as the admin API takes and answers it. {@code client_secret} is
 * answered once, when the server makes it; {@code access_token_ttl} and
 * {@code refresh_token_ttl} (seconds) and {@code resources} (the RFC 8707 resource indicators the
 * client may ask for, the first being its tokens' default audience) are Gatehouse extensions;
 * {@code dpop_bound_access_tokens} is RFC 9449 §5.2 (default false).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientMetadata(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("scope") String scope,
        @JsonProperty("resources") List<String> resources,
        @JsonProperty("access_token_ttl") Integer accessTokenTtl,
        @JsonProperty("refresh_token_ttl") Integer refreshTokenTtl,
        @JsonProperty("dpop_bound_access_tokens") Boolean dpopBoundAccessTokens,
        @JsonProperty("client_id_issued_at") Long clientIdIssuedAt,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_secret_expires_at") Long clientSecretExpiresAt) {

    static ClientMetadata of(OAuthClient client, String secret) {
        return new ClientMetadata(
                client.clientId,
                client.clientName,
                client.redirectUriList(),
                client.postLogoutRedirectUriList(),
                client.grantTypeList(),
                client.tokenEndpointAuthMethod,
                client.scope,
                client.resourceList(),
                client.accessTokenTtl,
                client.refreshTokenTtl,
                client.dpopBoundAccessTokens,
                client.createdAt.getEpochSecond(),
                secret,
                // RFC 7591 §3.2.1: required with a secret; 0 means it never expires
                secret == null ? null : 0L);
    }
}
