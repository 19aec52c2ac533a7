package dev.gatehouse.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * RFC 7662 §2.2; everything but {@code active} is left out for an inactive token. {@code aud} is a
 * string or an array; {@code cnf} names the DPoP key a bound token is bound to (RFC 9449 §6.2).
 */
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
        @JsonProperty("jti") String jti,
        @JsonProperty("cnf") Map<String, String> cnf) {

    static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null, null, null);

    /** RFC 9449 §6.1: the confirmation of the key {@code jkt}, or null for a token bound to none. */
    static Map<String, String> confirmation(String jkt) {
        return jkt == null ? null : Map.of("jkt", jkt);
    }
}
