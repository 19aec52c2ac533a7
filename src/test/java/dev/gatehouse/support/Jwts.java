package dev.gatehouse.support;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Reads a JWT's parts without verifying it (the tests that verify use a library of their own). */
public final class Jwts {

    private Jwts() {}

    public static Map<String, Object> payload(String jwt) {
        return part(jwt, 1);
    }

    public static Map<String, Object> header(String jwt) {
        return part(jwt, 0);
    }

    /** The {@code aud} claim as a list, whether the token holds one string or an array. */
    public static List<Object> audiences(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud == null ? List.of() : aud instanceof List<?> list ? List.copyOf(list) : List.of(aud);
    }

    private static Map<String, Object> part(String jwt, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
        return new JsonObject(json).getMap();
    }
}
