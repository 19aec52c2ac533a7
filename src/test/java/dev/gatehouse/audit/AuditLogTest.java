package dev.gatehouse.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** AuditLog writes the JSON line at once, counts the event, and stores the row once flushed. */
@QuarkusTest
class AuditLogTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    AuditLog audit;

    @Inject
    AuditStore store;

    @Inject
    ObjectMapper json;

    @Test
    void recordWritesTheLogLineTheRowAndTheCounter() throws Exception {
        String userId = UUID.randomUUID().toString();
        Map<String, String> labels = Map.of("type", "login_failed", "outcome", "failure");
        double before = PrometheusScrape.value("gatehouse_auth_events_total", labels);

        List<String> lines;
        try (AuditLines capture = AuditLines.capture()) {
            audit.record(AuditEvent.system(
                    AuditEventType.LOGIN_FAILED, Outcome.FAILURE, userId, "gatehouse", "wrong_password"));
            lines = capture.lines();
        }
        // the line is written at once, before any flush
        String line = lines.stream().filter(l -> l.contains(userId)).findFirst().orElseThrow();
        JsonNode logged = json.readTree(line);
        assertEquals("login_failed", logged.get("type").asText());
        assertEquals("failure", logged.get("outcome").asText());
        assertEquals("gatehouse", logged.get("clientId").asText());
        assertEquals("wrong_password", logged.get("detail").asText());
        assertTrue(
                Instant.parse(logged.get("at").asText()).isAfter(Instant.now().minusSeconds(60)));
        assertTrue(!line.contains("\n"), "one line");

        assertEquals(before + 1, PrometheusScrape.value("gatehouse_auth_events_total", labels));

        audit.flush().await().atMost(WAIT);
        List<AuditRow> rows = AuditRows.ofUser(userId);
        assertEquals(1, rows.size());
        AuditRow row = rows.get(0);
        assertEquals("login_failed", row.type);
        assertEquals("failure", row.outcome);
        assertEquals("gatehouse", row.clientId);
        assertEquals("wrong_password", row.detail);
        assertNull(row.ip, "no request: no IP");
        assertNull(row.requestId);
        assertNotNull(row.id);
    }

    @Test
    void everyTypeAndOutcomeIsAMetricSeriesFromStartUp() {
        String metrics = PrometheusScrape.scrape();
        for (AuditEventType type : AuditEventType.values()) {
            for (Outcome outcome : Outcome.values()) {
                double value = PrometheusScrape.value(
                        metrics,
                        "gatehouse_auth_events_total",
                        Map.of("type", type.wireName(), "outcome", outcome.wireName()));
                assertTrue(value >= 0, type + "/" + outcome + " missing from /q/metrics");
            }
        }
    }

    @Test
    void anEventInARequestCarriesItsIpUserAgentAndRequestId() {
        String userId = UUID.randomUUID().toString();
        String userAgent = "probe/" + "x".repeat(300);
        String requestId = given().header("User-Agent", userAgent)
                .queryParam("userId", userId)
                .post("/test-support/audit-probe")
                .then()
                .statusCode(204)
                .extract()
                .header("X-Request-Id");
        audit.flush().await().atMost(WAIT);
        AuditRow row = AuditRows.ofUser(userId).get(0);
        assertEquals(requestId, row.requestId);
        assertTrue(row.ip.equals("127.0.0.1") || row.ip.contains(":"), row.ip);
        assertEquals(256, row.userAgent.length(), "the user agent is cut to 256 characters");
        assertEquals(userAgent.substring(0, 256), row.userAgent);
    }

    @Test
    void flushWithNothingQueuedCompletes() {
        audit.flush().await().atMost(WAIT);
        audit.flush().await().atMost(WAIT);
    }

    @Test
    void pruneDeletesOnlyRowsOlderThanTheCutoff() throws Throwable {
        String userId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        audit.record(new AuditEvent(
                now.minus(100, ChronoUnit.DAYS),
                AuditEventType.LOGOUT,
                Outcome.SUCCESS,
                userId,
                "gatehouse",
                null,
                null,
                null,
                "old"));
        audit.record(new AuditEvent(
                now.minus(1, ChronoUnit.DAYS),
                AuditEventType.LOGOUT,
                Outcome.SUCCESS,
                userId,
                "gatehouse",
                null,
                null,
                null,
                "recent"));
        audit.flush().await().atMost(WAIT);
        assertEquals(2, AuditRows.ofUser(userId).size());

        // on a Vert.x context, as the scheduler runs it
        long pruned = VertxContextSupport.subscribeAndAwait(() -> store.prune(now.minus(90, ChronoUnit.DAYS)));
        assertTrue(pruned >= 1);
        List<AuditRow> left = AuditRows.ofUser(userId);
        assertEquals(1, left.size());
        assertEquals("recent", left.get(0).detail);
    }

    @Test
    void overlongFieldsAreCutToTheColumnSizes() {
        AuditEvent event = new AuditEvent(
                null,
                AuditEventType.CLIENT_AUTH_FAILED,
                Outcome.FAILURE,
                null,
                "c".repeat(400),
                "i".repeat(100),
                "u".repeat(300),
                "r".repeat(100),
                "d".repeat(600));
        assertEquals(255, event.clientId().length());
        assertEquals(64, event.ip().length());
        assertEquals(256, event.userAgent().length());
        assertEquals(64, event.requestId().length());
        assertEquals(500, event.detail().length());
        assertNotNull(event.at());
    }
}
