package dev.gatehouse.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.audit.PrometheusScrape;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard ({@code k8s/base/grafana-dashboard.json}) cannot drift from the code:
 * after some traffic, every metric its queries name is exposed at {@code /q/metrics}, with every
 * label they group by and every exact label value they select.
 */
@QuarkusTest
class DashboardTest {

    static final Path DASHBOARD = Path.of("k8s/base/grafana-dashboard.json");
    /** Labels Prometheus adds when it scrapes a pod; the application never exposes them. */
    static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "instance", "job", "container", "service");

    static final Set<String> KEYWORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One query's demands: the metrics it reads, exact label values, and the labels it groups by. */
    record Query(String expr, Set<String> metrics, Map<String, Map<String, String>> exact, Set<String> grouping) {}

    @Test
    void everyMetricOfTheDashboardIsExposedAfterTraffic() throws IOException {
        traffic();
        Map<String, List<Map<String, String>>> exposed = exposed(PrometheusScrape.scrape());
        List<Query> queries = queries(dashboard());
        assertTrue(queries.size() >= 15, "the dashboard's queries were found: " + queries.size());
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            problems.addAll(problems(query, exposed));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theDashboardShowsWhatOperatorsReachFor() throws IOException {
        Set<String> metrics = new HashSet<>();
        queries(dashboard()).forEach(query -> metrics.addAll(query.metrics()));
        for (String needed : List.of(
                "gatehouse_auth_events_total",
                "gatehouse_login_failures_total",
                "gatehouse_tokens_issued_total",
                "http_server_requests_seconds_bucket",
                "gatehouse_store_errors_total",
                "gatehouse_audit_dropped_total",
                "jvm_memory_used_bytes")) {
            assertTrue(metrics.contains(needed), "the dashboard shows " + needed);
        }
        String all = dashboard().toString();
        for (String needed : List.of(
                "refresh_reuse_detected",
                "rate_limited",
                "histogram_quantile(0.5",
                "histogram_quantile(0.95",
                "histogram_quantile(0.99",
                "by (le, uri)")) {
            assertTrue(all.contains(needed), "the dashboard has " + needed);
        }
        String kustomization = Files.readString(Path.of("k8s/base/kustomization.yaml"));
        assertTrue(
                kustomization.contains("grafana-dashboard.json") && kustomization.contains("grafana_dashboard: \"1\""),
                "k8s/base ships the dashboard as a ConfigMap with the Grafana sidecar's label");
    }

    @Test
    void failedLoginsAreCountedByReasonAndTokensByGrant() {
        Map<String, String> wrongPassword = Map.of("reason", "wrong_password");
        Map<String, String> unknownUser = Map.of("reason", "unknown_user");
        Map<String, String> clientCredentials = Map.of("grant", "client_credentials");
        double wrongBefore = PrometheusScrape.value("gatehouse_login_failures_total", wrongPassword);
        double unknownBefore = PrometheusScrape.value("gatehouse_login_failures_total", unknownUser);
        double issuedBefore = PrometheusScrape.value("gatehouse_tokens_issued_total", clientCredentials);

        TestUser user = TestUsers.register();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", "wrong-" + user.password()))
                .post("/auth/login")
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", TestUsers.uniqueEmail(), "password", user.password()))
                .post("/auth/login")
                .then()
                .statusCode(401);
        TestClients.confidential("read", "client_credentials")
                .token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200);

        assertEquals(wrongBefore + 1, PrometheusScrape.value("gatehouse_login_failures_total", wrongPassword));
        assertEquals(unknownBefore + 1, PrometheusScrape.value("gatehouse_login_failures_total", unknownUser));
        assertEquals(issuedBefore + 1, PrometheusScrape.value("gatehouse_tokens_issued_total", clientCredentials));
    }

    @Test
    void theCheckCatchesAMetricOrLabelThatDoesNotExist() {
        Map<String, List<Map<String, String>>> exposed = exposed("""
                # TYPE gatehouse_auth_events_total counter
                gatehouse_auth_events_total{outcome="success",type="login_succeeded"} 1.0
                """);
        assertEquals(
                List.of(),
                problems(
                        query(
                                "sum by (type) (rate(gatehouse_auth_events_total{type=\"login_succeeded\", namespace=~\"$namespace\"}[5m]))"),
                        exposed));
        assertFalse(problems(query("rate(gatehouse_logins_total[5m])"), exposed).isEmpty(), "unknown metric");
        assertFalse(
                problems(query("gatehouse_auth_events_total{type=\"logged_in\"}"), exposed)
                        .isEmpty(),
                "unknown value");
        assertFalse(
                problems(query("sum by (reason) (gatehouse_auth_events_total)"), exposed)
                        .isEmpty(),
                "unknown label");
        assertEquals(
                Set.of("gatehouse_auth_events_total"),
                query("label_values(gatehouse_auth_events_total, namespace)").metrics());
    }

    /** Logins (one failed), a refresh, /api/users/me, a logout, and a client's token, introspection and revocation. */
    private static void traffic() {
        TestUser user = TestUsers.register();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", "wrong-" + user.password()))
                .post("/auth/login")
                .then()
                .statusCode(401);
        Session session = user.login();
        given().auth().oauth2(session.accessToken()).get("/api/users/me").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", session.refreshToken()))
                .post("/auth/refresh")
                .then()
                .statusCode(200);
        given().auth().oauth2(session.accessToken()).post("/auth/logout").then().statusCode(204);
        TestClient client = TestClients.confidential("read", "client_credentials");
        String token = client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        client.post("/oauth2/introspect", Map.of("token", token)).then().statusCode(200);
        client.post("/oauth2/revoke", Map.of("token", token)).then().statusCode(200);
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Every panel target's {@code expr} and every templating query. */
    static List<Query> queries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            queries.add(query(expr.asText()));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("query").has("query")) {
                queries.add(query(variable.path("query").path("query").asText()));
            }
        }
        return queries;
    }

    static Query query(String expr) {
        Set<String> metrics = new LinkedHashSet<>();
        Map<String, Map<String, String>> exact = new HashMap<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                if (matcher.group(2).equals("=")) {
                    exact.computeIfAbsent(selector.group(1), k -> new HashMap<>())
                            .put(matcher.group(1), matcher.group(3));
                }
            }
        }
        Set<String> grouping = new LinkedHashSet<>();
        Matcher groups = GROUPING.matcher(expr);
        while (groups.find()) {
            for (String label : groups.group(1).split(",")) {
                grouping.add(label.trim());
            }
        }
        String bare = GROUPING.matcher(expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " "))
                .replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean call = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean label =
                    bare.substring(0, identifier.start()).stripTrailing().endsWith(",")
                            && expr.startsWith("label_values");
            if (!call && !label && !KEYWORDS.contains(name)) {
                metrics.add(name);
            }
        }
        return new Query(expr, metrics, exact, grouping);
    }

    /** Sample names of the exposition, each with the label sets of its samples. */
    static Map<String, List<Map<String, String>>> exposed(String text) {
        Map<String, List<Map<String, String>>> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.computeIfAbsent(sample.group(1), k -> new ArrayList<>()).add(labels);
        }
        return samples;
    }

    static List<String> problems(Query query, Map<String, List<Map<String, String>>> exposed) {
        List<String> problems = new ArrayList<>();
        for (String metric : query.metrics()) {
            List<Map<String, String>> series = exposed.get(metric);
            if (series == null) {
                problems.add(metric + " is not exposed (in " + query.expr() + ")");
                continue;
            }
            query.exact().getOrDefault(metric, Map.of()).forEach((label, value) -> {
                if (series.stream().noneMatch(s -> value.equals(s.get(label)))) {
                    problems.add(metric + " has no series with " + label + "=\"" + value + "\"");
                }
            });
            for (String label : query.grouping()) {
                if (!TARGET_LABELS.contains(label) && series.stream().noneMatch(s -> s.containsKey(label))) {
                    problems.add(metric + " has no label " + label + " (in " + query.expr() + ")");
                }
            }
        }
        return problems;
    }
}
