package dev.gatehouse.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/admin/audit}: filters, newest first, cursor paging, 400s, admins only. */
@QuarkusTest
class AuditResourceTest {

    @Inject
    AuditLog audit;

    private String adminToken;
    private String userId;
    private Instant base;

    @BeforeEach
    void seed() {
        adminToken = TestUsers.admin().accessToken();
        userId = "audit-" + UUID.randomUUID();
        base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        // five events a minute apart, plus two that share one instant (ties are ordered by id)
        for (int i = 0; i < 5; i++) {
            AuditEventType type = i % 2 == 0 ? AuditEventType.LOGIN_SUCCEEDED : AuditEventType.TOKEN_REFRESHED;
            event(base.plusSeconds(60L * i), type, i < 3 ? "client-a-" + userId : "client-b-" + userId, "n" + i);
        }
        event(base.plusSeconds(30), AuditEventType.LOGOUT, "client-a-" + userId, "tie1");
        event(base.plusSeconds(30), AuditEventType.LOGOUT, "client-a-" + userId, "tie2");
        audit.flush().await().atMost(Duration.ofSeconds(10));
    }

    private void event(Instant at, AuditEventType type, String clientId, String detail) {
        audit.record(new AuditEvent(at, type, Outcome.SUCCESS, userId, clientId, "192.0.2.1", "test", "req", detail));
    }

    private RequestSpecification admin() {
        return given().auth().oauth2(adminToken);
    }

    @Test
    void listsTheUsersEventsNewestFirstWithEveryField() {
        JsonPath page = admin().queryParam("userId", userId)
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(7))
                .body("nextCursor", nullValue())
                .extract()
                .jsonPath();
        assertEquals(List.of("n4", "n3", "n2", "n1", "tie2", "tie1", "n0"), page.getList("items.detail"));
        Map<String, Object> first = page.getMap("items[0]");
        assertEquals(base.plusSeconds(240), Instant.parse((String) first.get("at")));
        assertEquals("login_succeeded", first.get("type"));
        assertEquals("success", first.get("outcome"));
        assertEquals(userId, first.get("userId"));
        assertEquals("client-b-" + userId, first.get("clientId"));
        assertEquals("192.0.2.1", first.get("ip"));
        assertEquals("test", first.get("userAgent"));
        assertEquals("req", first.get("requestId"));
        assertNotNull(first.get("id"));
    }

    @Test
    void cursorPagesResumeStrictlyAfterTheLastItem() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("userId", userId).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/admin/audit")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.detail"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(4, pages);
        assertEquals(List.of("n4", "n3", "n2", "n1", "tie2", "tie1", "n0"), seen);
        // a page exactly as long as what is left is the last one
        admin().queryParam("userId", userId)
                .queryParam("limit", 7)
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(7))
                .body("nextCursor", nullValue());
        admin().queryParam("userId", userId)
                .queryParam("limit", 6)
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(6))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void filtersByTypeClientAndSince() {
        admin().queryParam("userId", userId)
                .queryParam("type", "token_refreshed")
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items.detail", equalTo(List.of("n3", "n1")));
        admin().queryParam("clientId", "client-b-" + userId)
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items.detail", equalTo(List.of("n4", "n3")));
        admin().queryParam("userId", userId)
                .queryParam("since", base.plusSeconds(120).toString())
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items.detail", equalTo(List.of("n4", "n3", "n2")));
        admin().queryParam("userId", userId)
                .queryParam("type", "logout")
                .queryParam("clientId", "client-a-" + userId)
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items.detail", equalTo(List.of("tie2", "tie1")));
    }

    @Test
    void defaultLimitIsFiftyAndTheLastPageHasNoCursor() {
        admin().get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(50));
        admin().queryParam("userId", "nobody-" + UUID.randomUUID())
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("nextCursor", nullValue());
    }

    @Test
    void badParametersAreInvalidRequest() {
        String notACursor = Base64.getUrlEncoder().encodeToString("abc".getBytes(StandardCharsets.US_ASCII));
        List<Map<String, String>> bad = List.of(
                Map.of("type", "login"),
                Map.of("since", "yesterday"),
                Map.of("since", "2025-13-01T00:00:00Z"),
                Map.of("cursor", "%%%"),
                Map.of("cursor", notACursor),
                Map.of("cursor", Base64.getUrlEncoder().encodeToString("1:x".getBytes(StandardCharsets.US_ASCII))),
                Map.of("limit", "0"),
                Map.of("limit", "201"),
                Map.of("limit", "ten"));
        for (Map<String, String> params : bad) {
            admin().queryParams(params)
                    .get("/api/admin/audit")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_request"));
        }
    }

    @Test
    void onlyAdminsMayRead() {
        String userToken = TestUsers.register().login().accessToken();
        given().auth()
                .oauth2(userToken)
                .get("/api/admin/audit")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().get("/api/admin/audit").then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void cursorRoundTrips() {
        AuditCursor cursor = new AuditCursor(Instant.parse("2025-01-31T12:00:00.123456Z"), 42);
        assertEquals(cursor, AuditCursor.decode(cursor.encode()));
        assertNull(AuditQuery.parse(null, null, null, null, null, null).after());
    }
}
