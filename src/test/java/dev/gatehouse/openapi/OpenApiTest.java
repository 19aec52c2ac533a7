package dev.gatehouse.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /q/openapi documents every endpoint of the contract, its errors and its security schemes. */
@QuarkusTest
class OpenApiTest {

    /** Every path and method of API-CONTRACT.md. */
    static final Map<String, List<String>> CONTRACT = Map.ofEntries(
            Map.entry("/auth/register", List.of("post")),
            Map.entry("/auth/login", List.of("post")),
            Map.entry("/auth/refresh", List.of("post")),
            Map.entry("/auth/logout", List.of("post")),
            Map.entry("/auth/logout-all", List.of("post")),
            Map.entry("/api/users/me", List.of("get")),
            Map.entry("/api/users/me/password", List.of("post")),
            Map.entry("/api/users", List.of("get")),
            Map.entry("/api/users/me/sessions", List.of("get")),
            Map.entry("/api/users/me/sessions/{id}", List.of("delete")),
            Map.entry("/api/admin/users/{id}/sessions", List.of("get")),
            Map.entry("/api/admin/users/{id}/sessions/{sid}", List.of("delete")),
            Map.entry("/api/admin/clients", List.of("get", "post")),
            Map.entry("/api/admin/clients/{clientId}", List.of("get", "put", "delete")),
            Map.entry("/api/admin/users/{id}/roles", List.of("put")),
            Map.entry("/api/admin/keys/rotate", List.of("post")),
            Map.entry("/api/admin/audit", List.of("get")),
            Map.entry("/.well-known/oauth-authorization-server", List.of("get")),
            Map.entry("/.well-known/openid-configuration", List.of("get")),
            Map.entry("/oauth2/jwks", List.of("get")),
            Map.entry("/oauth2/authorize", List.of("get")),
            Map.entry("/oauth2/token", List.of("post")),
            Map.entry("/oauth2/revoke", List.of("post")),
            Map.entry("/oauth2/introspect", List.of("post")),
            Map.entry("/oauth2/device_authorization", List.of("post")),
            Map.entry("/oauth2/device", List.of("get", "post")),
            Map.entry("/oauth2/userinfo", List.of("get", "post")),
            Map.entry("/oauth2/logout", List.of("get", "post")),
            Map.entry("/q/health/live", List.of("get")),
            Map.entry("/q/health/ready", List.of("get")),
            Map.entry("/q/metrics", List.of("get")));

    static final List<String> ERROR_CODES = List.of(
            "invalid_request",
            "invalid_credentials",
            "invalid_token",
            "insufficient_scope",
            "csrf_mismatch",
            "not_found",
            "conflict",
            "payload_too_large",
            "unsupported_media_type",
            "rate_limited",
            "temporarily_unavailable",
            "invalid_grant",
            "invalid_client",
            "unauthorized_client",
            "unsupported_grant_type",
            "invalid_scope",
            "authorization_pending",
            "slow_down",
            "expired_token",
            "access_denied",
            "invalid_dpop_proof",
            "use_dpop_nonce");

    JsonPath document;

    @BeforeEach
    void fetch() {
        document = Management.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void everyContractEndpointIsDocumentedWithResponses() {
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        CONTRACT.forEach((path, methods) -> {
            assertNotNull(paths.get(path), path + " is not documented");
            for (String method : methods) {
                Object operation = paths.get(path).get(method);
                assertNotNull(operation, method.toUpperCase() + " " + path + " is not documented");
                assertTrue(((Map<?, ?>) operation).containsKey("responses"), method + " " + path + " has no responses");
            }
        });
    }

    @Test
    void securitySchemesAreBearerJwtAndClientBasic() {
        assertEquals("http", document.getString("components.securitySchemes.bearerAuth.type"));
        assertEquals("bearer", document.getString("components.securitySchemes.bearerAuth.scheme"));
        assertEquals("JWT", document.getString("components.securitySchemes.bearerAuth.bearerFormat"));
        assertEquals("http", document.getString("components.securitySchemes.clientBasic.type"));
        assertEquals("basic", document.getString("components.securitySchemes.clientBasic.scheme"));
        assertTrue(document.getMap("paths.'/api/admin/audit'.get.security[0]").containsKey("bearerAuth"));
        assertTrue(document.getMap("paths.'/oauth2/token'.post.security[0]").containsKey("clientBasic"));
    }

    @Test
    void theErrorSchemaNamesEveryErrorCode() {
        List<String> codes = document.getList("components.schemas.Error.properties.error.enum");
        assertTrue(
                codes.containsAll(ERROR_CODES),
                "missing: "
                        + ERROR_CODES.stream().filter(c -> !codes.contains(c)).toList());
        assertEquals(List.of("error", "error_description"), document.getList("components.schemas.Error.required"));
    }

    @Test
    void auditEventTypesMatchTheCode() {
        List<String> documented = document.getList("components.schemas.AuditEventType.enum");
        assertEquals(
                Arrays.stream(AuditEventType.values())
                        .map(AuditEventType::wireName)
                        .toList(),
                documented);
    }
}
