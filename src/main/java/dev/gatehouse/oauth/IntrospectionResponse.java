package dev.gatehouse.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 7662 §2.2; everything but {@code active} is left out for an inactive token. {@code aud} is a string or an array. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
        @JsonProperty("active") boolean active,
        @JsonProperty("sub") String sub,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("scope") String scope,
        @JsonProperty("exp") Long exp,
        @JsonProperty("iat") Long iat,
        @JsonProperty("iss") String iss,
        @JsonProperty("aud") Object aud,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("username") String username,
        @JsonProperty("jti") String jti) {

    static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null, null);
}
