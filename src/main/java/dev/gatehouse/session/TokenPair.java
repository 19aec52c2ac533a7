package dev.gatehouse.session;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code {token, refreshToken, tokenType: "Bearer", expiresIn}}; refreshToken is absent in cookie transport. */
public record TokenPair(
        String token,
        @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
        String tokenType,
        long expiresIn) {

    public static TokenPair bearer(String token, String refreshToken, long expiresIn) {
        return new TokenPair(token, refreshToken, "Bearer", expiresIn);
    }
}
