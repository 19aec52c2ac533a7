package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestUsers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientAdminResourceTest {

    /** The migrations' JDBC datasource (active in tests, which migrate at start), for direct SQL. */
    @Inject
    @DataSource("migrations")
    AgroalDataSource database;

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestUsers.admin().accessToken()).contentType(ContentType.JSON);
    }

    @Test
    void confidentialClientGetsItsSecretOnceAndOnlyItsHashIsStored() throws Exception {
        Map<String, Object> metadata = TestClients.metadata("read write", "client_secret_basic", "client_credentials");
        var created = admin().body(metadata)
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .body("client_id", equalTo(metadata.get("client_id")))
                .body("client_name", equalTo("Test client"))
                .body("grant_types", equalTo(List.of("client_credentials")))
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("scope", equalTo("read write"))
                .body("client_id_issued_at", notNullValue())
                .body("client_secret_expires_at", equalTo(0))
                .extract()
                .jsonPath();
        String secret = created.getString("client_secret");
        assertTrue(secret.length() >= 43, "at least 256 bits, base64url");

        admin().get("/api/admin/clients/" + metadata.get("client_id"))
                .then()
                .statusCode(200)
                .body("$", not(hasKey("client_secret")));
        admin().get("/api/admin/clients")
                .then()
                .statusCode(200)
                .body("items.client_id", hasItem(metadata.get("client_id")));

        try (var connection = database.getConnection();
                var select = connection.prepareStatement("select secret_hash from oauth_client where client_id = ?")) {
            select.setString(1, (String) metadata.get("client_id"));
            ResultSet row = select.executeQuery();
            assertTrue(row.next());
            assertArrayEquals(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)),
                    row.getBytes(1));
        }
    }

    @Test
    void publicClientGetsNoSecret() {
        admin().body(TestClients.metadata("read", "none", "authorization_code"))
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .body("$", not(hasKey("client_secret")));
    }

    @Test
    void takenClientIdIsConflict() {
        Map<String, Object> metadata = TestClients.metadata("read", "client_secret_basic", "client_credentials");
        admin().body(metadata).post("/api/admin/clients").then().statusCode(201);
        admin().body(metadata).post("/api/admin/clients").then().statusCode(409).body("error", equalTo("conflict"));
    }

    @Test
    void unsafeOrInconsistentMetadataIsRefused() {
        List<Map<String, Object>> bad = List.of(
                with("redirect_uris", List.of("http://app.example.com/cb")), // plain http off loopback
                with("redirect_uris", List.of("https://app.example.com/cb#frag")), // fragment
                with("redirect_uris", List.of("/relative")),
                with("redirect_uris", List.of()), // auth code needs one
                with("grant_types", List.of("implicit")),
                with("token_endpoint_auth_method", "private_key_jwt"),
                with("client_name", ""),
                with("access_token_ttl", 100000),
                with("scope", "bad\"scope"));
        for (Map<String, Object> metadata : bad) {
            admin().body(metadata)
                    .post("/api/admin/clients")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_client_metadata"));
        }
        Map<String, Object> publicWithClientCredentials = TestClients.metadata("a", "none", "client_credentials");
        admin().body(publicWithClientCredentials)
                .post("/api/admin/clients")
                .then()
                .statusCode(400);
    }

    @Test
    void updateReplacesMetadataAndDeleteRemovesTheClient() {
        var client = TestClients.confidential("read", "client_credentials");
        Map<String, Object> changed = TestClients.metadata("read write", "client_secret_basic", "client_credentials");
        changed.put("client_id", client.id());
        changed.put("client_name", "Renamed");
        admin().body(changed)
                .put("/api/admin/clients/" + client.id())
                .then()
                .statusCode(200)
                .body("client_name", equalTo("Renamed"))
                .body("scope", equalTo("read write"))
                .body("$", not(hasKey("client_secret")));
        client.token(Map.of("grant_type", "client_credentials", "scope", "write"))
                .then()
                .statusCode(200);

        admin().delete("/api/admin/clients/" + client.id()).then().statusCode(204);
        admin().get("/api/admin/clients/" + client.id()).then().statusCode(404).body("error", equalTo("not_found"));
        client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void clientAdminNeedsTheAdminRole() {
        String user = TestUsers.register().login().accessToken();
        given().auth()
                .oauth2(user)
                .get("/api/admin/clients")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().get("/api/admin/clients").then().statusCode(401);
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> metadata = TestClients.metadata("read", "client_secret_basic", "authorization_code");
        metadata.put(key, value);
        return metadata;
    }

    @Test
    void unknownClientIsNotFound() {
        admin().get("/api/admin/clients/no-such-client").then().statusCode(404).body("error", equalTo("not_found"));
    }
}
