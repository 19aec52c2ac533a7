package dev.gatehouse.fault;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The few calls the fault suite makes, against one replica's base URL. A connection that breaks
 * or is refused is an {@link IOException}, told apart from any HTTP answer.
 */
final class Api {

    static final String PASSWORD = "violet-harbor-tundra-42";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** An HTTP answer: its status and JSON body (empty when it had none). */
    record Answer(int status, JsonObject body) {
        String string(String field) {
            return body.getString(field);
        }
    }

    private Api() {}

    static Answer register(String base, String email) throws IOException {
        return json(base, "/auth/register", new JsonObject().put("email", email).put("password", PASSWORD), null);
    }

    static Answer login(String base, String email, String password) throws IOException {
        return json(base, "/auth/login", new JsonObject().put("email", email).put("password", password), null);
    }

    static Answer refresh(String base, String refreshToken) throws IOException {
        return json(base, "/auth/refresh", new JsonObject().put("refreshToken", refreshToken), null);
    }

    static Answer logout(String base, String accessToken) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/auth/logout"))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static Answer me(String base, String accessToken) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/users/me"))
                .header("Authorization", "Bearer " + accessToken)
                .GET());
    }

    static Answer rotateKeys(String base, String adminToken) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/admin/keys/rotate"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static Answer registerClient(String base, String adminToken, JsonObject metadata) throws IOException {
        return json(base, "/api/admin/clients", metadata, adminToken);
    }

    static Answer clientCredentials(String base, String clientId, String secret) throws IOException {
        return asClient(base, "/oauth2/token", clientId, secret, Map.of("grant_type", "client_credentials"));
    }

    static Answer introspect(String base, String clientId, String secret, String token) throws IOException {
        return asClient(base, "/oauth2/introspect", clientId, secret, Map.of("token", token));
    }

    private static Answer asClient(String base, String path, String clientId, String secret, Map<String, String> fields)
            throws IOException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private static Answer json(String base, String path, JsonObject body, String bearer) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    private static Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(
                    response.statusCode(),
                    body == null || body.isBlank() || !body.startsWith("{") ? new JsonObject() : new JsonObject(body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
