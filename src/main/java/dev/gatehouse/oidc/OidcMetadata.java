package dev.gatehouse.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Provider metadata (OpenID Connect Discovery 1.0 §3) added to the RFC 8414 document:
 * every REQUIRED field, and only what is built (no front- or back-channel logout, no request
 * objects, no claims parameter, unsigned userinfo).
 */
public final class OidcMetadata {

    /** Every claim an ID token or the userinfo endpoint may hold. */
    static final List<String> CLAIMS = List.of(
            "iss",
            "sub",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "azp",
            "at_hash",
            "sid",
            "amr",
            "acr",
            "email",
            "email_verified",
            "name");

    private OidcMetadata() {}

    /** {@code signingAlg}: the JWS algorithm of the active key, which signs ID tokens. */
    public static Map<String, Object> fields(String issuer, String signingAlg) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("userinfo_endpoint", issuer + "/oauth2/userinfo");
        fields.put("end_session_endpoint", issuer + "/oauth2/logout");
        fields.put("subject_types_supported", List.of("public"));
        // Discovery §3 asks for RS256 too; Gatehouse signs with one algorithm, the configured one (RS256 by default)
        fields.put("id_token_signing_alg_values_supported", List.of(signingAlg));
        fields.put("claims_supported", CLAIMS);
        fields.put("prompt_values_supported", List.of("none", "login"));
        fields.put("acr_values_supported", List.of(IdTokenIssuer.ACR));
        fields.put("claims_parameter_supported", false);
        fields.put("request_parameter_supported", false);
        fields.put("request_uri_parameter_supported", false);
        return fields;
    }
}
