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
 * The few calls the suites of packaged replicas make, against one replica's base URL. A connection that breaks
 * or is refused is an {@link IOException}, told apart from any HTTP answer.
 */
public final class Api {

    public static final String PASSWORD = "violet-harbor-tundra-42";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** An HTTP answer: its status and JSON body (empty when it had none). */
    public record Answer(int status, JsonObject body) {
        public String string(String field) {
            return body.getString(field);
        }
    }

    private Api() {}

    public static Answer register(String base, String email) throws IOException {
        return json(base, "/auth/register", new JsonObject().put("email", email).put("password", PASSWORD), null);
    }

    public static Answer login(String base, String email, String password) throws IOException {
        return json(base, "/auth/login", new JsonObject().put("email", email).put("password", password), null);
    }

    public static Answer refresh(String base, String refreshToken) throws IOException {
        return json(base, "/auth/refresh", new JsonObject().put("refreshToken", refreshToken), null);
    }

    public static Answer logout(String base, String accessToken) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/auth/logout"))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static Answer changePassword(String base, String accessToken, String current, String next)
            throws IOException {
        return json(
                base,
                "/api/users/me/password",
                new JsonObject().put("currentPassword", current).put("newPassword", next),
                accessToken);
    }

    public static Answer logoutAll(String base, String accessToken) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/auth/logout-all"))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static Answer me(String base, String accessToken) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/users/me"))
                .header("Authorization", "Bearer " + accessToken)
                .GET());
    }

    public static Answer rotateKeys(String base, String adminToken) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/admin/keys/rotate"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static Answer registerClient(String base, String adminToken, JsonObject metadata) throws IOException {
        return json(base, "/api/admin/clients", metadata, adminToken);
    }

    public static Answer clientCredentials(String base, String clientId, String secret) throws IOException {
        return asClient(base, "/oauth2/token", clientId, secret, Map.of("grant_type", "client_credentials"));
    }

    public static Answer introspect(String base, String clientId, String secret, String token) throws IOException {
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
