package dev.gatehouse.oauth.client.declared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.PrometheusScrape;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Clients as code: the clients file creates, updates and deletes the clients it declares, never
 * touches the admin API's, locks its own against the admin API, and a broken file changes nothing.
 */
@QuarkusTest
@TestProfile(ClientsFileTest.WithClientsFile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientsFileTest {

    /** A clients file (and its secret) in a directory of its own, declaring one client before the application starts. */
    public static class WithClientsFile implements QuarkusTestProfile {
        static final Path DIRECTORY = temporaryDirectory();
        static final Path FILE = DIRECTORY.resolve("clients.yaml");
        static final String START_SECRET = TestEnvironment.random();

        static {
            write(DIRECTORY.resolve("start-secret"), START_SECRET + "\n");
            write(FILE, """
                    clients:
                      - client_id: declared-at-start
                        client_name: Declared at start
                        grant_types: [client_credentials]
                        scope: invoices:read
                        resources: [https://invoices.example.com]
                        client_secret_file: start-secret
                    """);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.clients.file", FILE.toString(), "gatehouse.clients.poll-interval", "1s");
        }
    }

    @Test
    @Order(1)
    void aClientDeclaredBeforeTheStartExistsAndAuthenticatesWithTheSecretFromItsFile() {
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/declared-at-start")
                .then()
                .statusCode(200)
                .body("client_name", equalTo("Declared at start"))
                .body("scope", equalTo("invoices:read"));
        token("declared-at-start", WithClientsFile.START_SECRET).then().statusCode(200);
        token("declared-at-start", "wrong-" + WithClientsFile.START_SECRET)
                .then()
                .statusCode(401);
    }

    @Test
    void theFileCreatesUpdatesAndDeletesTheClientsItDeclares() {
        String service = id("service");
        String spa = id("spa");
        String secret = secretFile(service);
        apply("""
                clients:
                  - client_id: %s
                    client_name: Billing
                    grant_types: [client_credentials]
                    scope: invoices:read
                    client_secret_file: %s
                  - client_id: %s
                    client_name: My SPA
                    grant_types: [authorization_code, refresh_token]
                    token_endpoint_auth_method: none
                    redirect_uris: [https://app.example.com/callback]
                    scope: profile
                """.formatted(service, service + ".secret", spa));
        token(service, secret).then().statusCode(200).body("scope", equalTo("invoices:read"));
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + spa)
                .then()
                .statusCode(200)
                .body("token_endpoint_auth_method", equalTo("none"))
                .body("redirect_uris", equalTo(List.of("https://app.example.com/callback")));

        apply("""
                clients:
                  - client_id: %s
                    client_name: My SPA
                    grant_types: [authorization_code, refresh_token]
                    token_endpoint_auth_method: none
                    redirect_uris: [https://app.example.com/callback, https://app.example.com/again]
                    scope: profile email
                """.formatted(spa));
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + service)
                .then()
                .statusCode(404);
        token(service, secret).then().statusCode(401);
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + spa)
                .then()
                .statusCode(200)
                .body("scope", equalTo("profile email"))
                .body(
                        "redirect_uris",
                        equalTo(List.of("https://app.example.com/callback", "https://app.example.com/again")));

        assertEquals(List.of("client_created"), auditTypes(spa, "client_created"));
        assertEquals(List.of("client_updated"), auditTypes(spa, "client_updated"));
        assertEquals(List.of("client_deleted"), auditTypes(service, "client_deleted"));
    }

    @Test
    void anUnchangedFileChangesNothing() {
        String spa = id("spa");
        String file = publicClient(spa, "profile");
        apply(file);
        apply(file);
        apply(file);
        assertEquals(List.of("client_created"), auditTypes(spa, null), "created once, never updated");
    }

    @Test
    void aNewSecretInTheSecretFileReplacesTheOld() {
        String service = id("service");
        String first = secretFile(service);
        apply(confidential(service, "client_secret_file: " + service + ".secret"));
        token(service, first).then().statusCode(200);

        String second = secretFile(service);
        reconciler().reload();
        token(service, first).then().statusCode(401);
        token(service, second).then().statusCode(200);
    }

    @Test
    void aSecretFromTheEnvironmentWorks() {
        String service = id("service");
        apply(confidential(service, "client_secret_env: " + TestEnvironment.SECRET_VARIABLE));
        token(service, TestEnvironment.SECRET).then().statusCode(200);
    }

    @Test
    void theAdminApiCannotChangeOrDeleteADeclaredClient() {
        String spa = id("spa");
        apply(publicClient(spa, "profile"));
        Map<String, Object> change = Map.of(
                "client_name",
                "Hijacked",
                "grant_types",
                List.of("authorization_code"),
                "token_endpoint_auth_method",
                "none",
                "redirect_uris",
                List.of("https://evil.example.com/cb"));

        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(change)
                .put("/api/admin/clients/" + spa)
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"))
                .body("error_description", containsString("clients file"));
        given().auth()
                .oauth2(admin())
                .delete("/api/admin/clients/" + spa)
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"))
                .body("error_description", containsString(spa));
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + spa)
                .then()
                .statusCode(200)
                .body("client_name", equalTo("Declared " + spa))
                .body("redirect_uris", equalTo(List.of("https://app.example.com/callback")));
    }

    @Test
    void clientsOfTheAdminApiAreNeverTouched() {
        TestClient registered = TestClients.confidential("read", "client_credentials");
        String spa = id("spa");
        apply(publicClient(spa, "profile"));
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + registered.id())
                .then()
                .statusCode(200);
        registered.token(Map.of("grant_type", "client_credentials")).then().statusCode(200);

        // the file claims the admin API's client: refused whole, both clients stay as they were
        write(WithClientsFile.FILE, publicClient(spa, "profile email") + """
                  - client_id: %s
                    client_name: Taken over
                    grant_types: [authorization_code]
                    token_endpoint_auth_method: none
                    redirect_uris: [https://evil.example.com/cb]
                """.formatted(registered.id()));
        reconciler().reload();
        assertEquals(
                "client " + registered.id() + ": client_id is taken by a client registered through the admin API",
                reconciler().lastError());
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + registered.id())
                .then()
                .statusCode(200)
                .body("client_name", equalTo("Test client"));
        registered.token(Map.of("grant_type", "client_credentials")).then().statusCode(200);
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + spa)
                .then()
                .statusCode(200)
                .body("scope", equalTo("profile"));
    }

    @Test
    void aBrokenFileKeepsTheLastGoodStateAndNamesTheClientAndTheField() {
        String good = id("good");
        apply(publicClient(good, "profile"));
        String bad = id("bad");
        String missing = "GATEHOUSE_TEST_"
                + UUID.randomUUID().toString().replace("-", "_").toUpperCase();
        String literalSecret = TestEnvironment.random();
        Map<String, String> problems = Map.of(
                publicClient(bad, "profile").replace("https://app.example.com/callback", "http://evil.example.com/cb"),
                "client " + bad
                        + ": redirect_uris must use https (http only for localhost) or a private-use scheme: http://evil.example.com/cb",
                publicClient(bad, "profile").replace("redirect_uris:", "redirect_uri:"),
                "client " + bad + ": unknown field redirect_uri",
                confidential(bad, "client_secret: " + literalSecret),
                "client " + bad
                        + ": client_secret must not be written in the file; name it with client_secret_file or client_secret_env",
                confidential(bad, "client_secret_env: " + missing),
                "client " + bad + ": client_secret_env: the environment variable " + missing + " is not set",
                confidential(bad, "client_secret_file: no-such-file"),
                "client " + bad + ": client_secret_file: cannot read "
                        + WithClientsFile.DIRECTORY.resolve("no-such-file") + " (NoSuchFileException)",
                confidential(bad, "client_secret_env: " + TestEnvironment.SECRET_VARIABLE)
                        .replace("[client_credentials]", "[teleport]"),
                "client " + bad + ": grant_types must be taken from [",
                publicClient(bad, "profile") + publicClient(bad, "email").replace("clients:\n", ""),
                "client " + bad + ": client_id is declared twice",
                "clients:\n  - client_id: [" + bad + "\n",
                "not valid YAML or JSON at line ",
                "",
                "the file is empty (write \"clients: []\" to declare no clients)");
        for (var problem : problems.entrySet()) {
            write(WithClientsFile.FILE, problem.getKey());
            reconciler().reload();
            String error = reconciler().lastError();
            assertNotNull(error, "refused: " + problem.getValue());
            assertTrue(error.startsWith(problem.getValue()), "expected " + problem.getValue() + ", was " + error);
            assertFalse(error.contains(literalSecret), "a secret never reaches the log");
            given().auth()
                    .oauth2(admin())
                    .get("/api/admin/clients/" + good)
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(admin())
                    .get("/api/admin/clients/" + bad)
                    .then()
                    .statusCode(404);
            assertEquals(0.0, PrometheusScrape.value("gatehouse_clients_file_valid", Map.of()));
        }
        double refused = PrometheusScrape.value("gatehouse_clients_file_reloads_total", Map.of("outcome", "failure"));
        assertTrue(refused >= problems.size(), "every refused file is counted: " + refused);

        apply(publicClient(good, "profile"));
        assertNull(reconciler().lastError());
        assertEquals(1.0, PrometheusScrape.value("gatehouse_clients_file_valid", Map.of()));
    }

    @Test
    void aJsonFileWorksToo() {
        String spa = id("spa");
        apply("""
                {"clients": [{"client_id": "%s", "client_name": "JSON", "grant_types": ["authorization_code"],
                  "token_endpoint_auth_method": "none", "redirect_uris": ["https://app.example.com/callback"]}]}
                """.formatted(spa));
        given().auth()
                .oauth2(admin())
                .get("/api/admin/clients/" + spa)
                .then()
                .statusCode(200)
                .body("client_name", equalTo("JSON"));
    }

    @Test
    void anEditOfTheFileIsPickedUpWithoutARestart() throws InterruptedException {
        String spa = id("spa");
        write(WithClientsFile.FILE, publicClient(spa, "profile"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 404;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = given().auth()
                    .oauth2(admin())
                    .get("/api/admin/clients/" + spa)
                    .statusCode();
        }
        assertEquals(200, status, "the poll applied the edited file");
    }

    private static String publicClient(String id, String scope) {
        return """
                clients:
                  - client_id: %s
                    client_name: Declared %s
                    grant_types: [authorization_code]
                    token_endpoint_auth_method: none
                    redirect_uris: [https://app.example.com/callback]
                    scope: %s
                """.formatted(id, id, scope);
    }

    private static String confidential(String id, String secretLine) {
        return """
                clients:
                  - client_id: %s
                    client_name: Service %s
                    grant_types: [client_credentials]
                    scope: invoices:read
                    %s
                """.formatted(id, id, secretLine);
    }

    /** Writes the clients file and applies it now (the poll would within a second). */
    private static void apply(String content) {
        write(WithClientsFile.FILE, content);
        reconciler().reload();
        assertNull(reconciler().lastError(), "the file was applied");
    }

    private static ClientsFileReconciler reconciler() {
        return Arc.container().instance(ClientsFileReconciler.class).get();
    }

    /** A new random secret in {@code <id>.secret} beside the clients file. */
    private static String secretFile(String clientId) {
        String secret = TestEnvironment.random();
        write(WithClientsFile.DIRECTORY.resolve(clientId + ".secret"), secret + "\n");
        return secret;
    }

    private static Response token(String clientId, String secret) {
        return given().auth()
                .preemptive()
                .basic(clientId, secret)
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token");
    }

    private static List<String> auditTypes(String clientId, String type) {
        Arc.container().instance(AuditLog.class).get().flush().await().atMost(Duration.ofSeconds(10));
        var request = given().auth().oauth2(admin()).queryParam("clientId", clientId);
        if (type != null) {
            request.queryParam("type", type);
        }
        var body =
                request.get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(body.getList("items.detail").stream().allMatch("clients file"::equals));
        return body.getList("items.type");
    }

    private static String admin() {
        return TestUsers.admin().accessToken();
    }

    private static String id(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    private static void write(Path path, String content) {
        try {
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("gatehouse-clients");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
