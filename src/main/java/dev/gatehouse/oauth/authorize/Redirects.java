package dev.gatehouse.oauth.authorize;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the redirects that end an authorization request (RFC 6749 §4.1.2, RFC 9207 §2). */
final class Redirects {

    private Redirects() {}

    static URI withCode(AuthorizationRequest request, String code, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", request.state());
        params.put("iss", issuer);
        return append(request.redirectUri(), params);
    }

    static URI withError(AuthorizationRequest request, String error, String description, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", request.state());
        params.put("iss", issuer);
        return append(request.redirectUri(), params);
    }

    /** Adds query parameters, keeping any query the registered URI already has (RFC 6749 §3.1.2). */
    private static URI append(String base, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(base);
        char separator = base.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getValue() != null) {
                uri.append(separator)
                        .append(param.getKey())
                        .append('=')
                        .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return URI.create(uri.toString());
    }
}
