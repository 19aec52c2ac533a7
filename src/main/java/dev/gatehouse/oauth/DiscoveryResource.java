package dev.gatehouse.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.Issuer;
import dev.gatehouse.dpop.DpopProofs;
import dev.gatehouse.oauth.client.GrantTypes;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oidc.OidcMetadata;
import dev.gatehouse.token.GatehouseScopes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8414 authorization server metadata, at both well-known paths. The document is static for
 * the life of the process, so it is rendered once.
 */
@Path("/.well-known")
public class DiscoveryResource {

    /** Scopes Gatehouse itself gives a meaning to; clients' own scopes are free strings and not listed. */
    static final List<String> SCOPES = List.of(
            "openid", "profile", "email", GatehouseScopes.ROLES, GatehouseScopes.ACCOUNT, GatehouseScopes.ADMIN);

    private final String document;

    public DiscoveryResource(Issuer issuer, GatehouseConfig config, GrantTypes grantTypes, ObjectMapper json)
            throws JsonProcessingException {
        Map<String, Object> metadata = metadata(issuer.issuer(), grantTypes.sorted());
        // OpenID Connect Discovery 1.0 §3: served at both paths (RFC 8414 §2 allows more fields)
        metadata.putAll(OidcMetadata.fields(issuer.issuer(), config.token().signingAlg()));
        this.document = json.writeValueAsString(metadata);
    }

    @GET
    @Path("/oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorizationServer() {
        return Response.ok(document)
                .header("Cache-Control", "public, max-age=3600")
                .build();
    }

    @GET
    @Path("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration() {
        return authorizationServer();
    }

    static Map<String, Object> metadata(String issuer, List<String> grantTypes) {
        List<String> authMethods = List.of(OAuthClient.AUTH_BASIC, OAuthClient.AUTH_POST, OAuthClient.AUTH_NONE);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("authorization_endpoint", issuer + "/oauth2/authorize");
        metadata.put("token_endpoint", issuer + "/oauth2/token");
        metadata.put("jwks_uri", issuer + "/oauth2/jwks");
        metadata.put("revocation_endpoint", issuer + "/oauth2/revoke");
        metadata.put("introspection_endpoint", issuer + "/oauth2/introspect");
        metadata.put("device_authorization_endpoint", issuer + "/oauth2/device_authorization");
        metadata.put("scopes_supported", SCOPES);
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("response_modes_supported", List.of("query"));
        metadata.put("grant_types_supported", grantTypes);
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("token_endpoint_auth_methods_supported", authMethods);
        metadata.put("revocation_endpoint_auth_methods_supported", authMethods);
        metadata.put(
                "introspection_endpoint_auth_methods_supported",
                List.of(OAuthClient.AUTH_BASIC, OAuthClient.AUTH_POST));
        metadata.put("authorization_response_iss_parameter_supported", true);
        // RFC 9449 §5.1
        metadata.put("dpop_signing_alg_values_supported", DpopProofs.ALGORITHMS);
        return metadata;
    }
}
