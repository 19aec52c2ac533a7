package dev.gatehouse.oauth.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 §5.1 successful token response, with the ID token of OIDC Core §3.1.3.3 when {@code openid} was granted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("id_token") String idToken) {

    public TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String scope) {
        this(accessToken, tokenType, expiresIn, refreshToken, scope, null);
    }

    public TokenResponse withIdToken(String token) {
        return new TokenResponse(accessToken, tokenType, expiresIn, refreshToken, scope, token);
    }
}
