package dev.gatehouse.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers OAuth clients through the admin API and calls the token endpoint as them. */
public final class TestClients {

    public static final String REDIRECT_URI = "https://app.example.com/callback";

    private TestClients() {}

    /** A registered client; {@code secret} is null for a public client. */
    public record TestClient(String id, String secret) {

        /** A token request with client_secret_basic (or just client_id for a public client). */
        public Response token(Map<String, String> form) {
            return tokenFrom(null, form);
        }

        /** The same token request, as if from the client IP {@code ip} (needs a trusted proxy; null for none). */
        public Response tokenFrom(String ip, Map<String, String> form) {
            var request = from(ip).contentType(ContentType.URLENC).formParams(form);
            if (secret != null) {
                request.auth().preemptive().basic(id, secret);
            } else {
                request.formParam("client_id", id);
            }
            return request.post("/oauth2/token");
        }

        public Response post(String path, Map<String, String> form) {
            return postFrom(null, path, form);
        }

        public Response postFrom(String ip, String path, Map<String, String> form) {
            return from(ip).contentType(ContentType.URLENC)
                    .formParams(form)
                    .auth()
                    .preemptive()
                    .basic(id, secret)
                    .post(path);
        }

        private static io.restassured.specification.RequestSpecification from(String ip) {
            return ip == null ? given() : given().header("X-Forwarded-For", ip);
        }
    }

    public static TestClient confidential(String scope, String... grantTypes) {
        return register(metadata(scope, "client_secret_basic", grantTypes));
    }

    public static TestClient publicClient(String scope, String... grantTypes) {
        return register(metadata(scope, "none", grantTypes));
    }

    public static Map<String, Object> metadata(String scope, String authMethod, String... grantTypes) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("client_id", "test-" + UUID.randomUUID());
        metadata.put("client_name", "Test client");
        metadata.put("redirect_uris", List.of(REDIRECT_URI));
        metadata.put("grant_types", List.of(grantTypes));
        metadata.put("token_endpoint_auth_method", authMethod);
        metadata.put("scope", scope);
        return metadata;
    }

    public static TestClient register(Map<String, Object> metadata) {
        var body = given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .contentType(ContentType.JSON)
                .body(metadata)
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new TestClient(body.getString("client_id"), body.getString("client_secret"));
    }
}
