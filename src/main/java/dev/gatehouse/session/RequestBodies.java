package dev.gatehouse.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the optional JSON body of {@code /auth/refresh} and {@code /auth/logout}, which may come
 * with no body and no content type at all (a Bearer header or the refresh cookie is enough).
 */
@ApplicationScoped
class RequestBodies {

    private final ObjectMapper json;

    RequestBodies(ObjectMapper json) {
        this.json = json;
    }

    /** The {@code refreshToken} of the body, or null when the body is empty or has none. */
    String refreshToken(String body, String contentType) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The content type is not supported; send application/json");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (java.io.IOException e) {
            throw ApiException.invalidRequest("The request body is not valid JSON of the expected shape");
        }
        JsonNode token = node == null || !node.isObject() ? null : node.get("refreshToken");
        if (token == null || token.isNull()) {
            return null;
        }
        // an over-long token is not refused here: no token has its hash, so it is an unknown one
        if (!token.isTextual()) {
            throw ApiException.invalidRequest("refreshToken: must be a string");
        }
        return token.asText().isBlank() ? null : token.asText();
    }
}
