package dev.gatehouse.refresh;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import dev.gatehouse.support.TestUsers.TestUser;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Refresh tokens do not pile up: families that are revoked, idle-expired or past their absolute
 * expiry (for a day) are deleted with every token, while a live family keeps its spent tokens,
 * which reuse detection needs.
 */
@QuarkusTest
class RefreshPruningTest {

    @Inject
    RefreshPruning pruning;

    @Inject
    Pool pool;

    @Test
    void deadFamiliesAreDeletedAndLiveOnesKeepTheirSpentTokens() throws Throwable {
        TestUser user = TestUsers.register();
        Session live = user.login();
        String rotated = refresh(live.refreshToken());
        Session revoked = user.login();
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", revoked.refreshToken()))
                .post("/auth/logout")
                .then()
                .statusCode(204);
        Session idle = user.login();
        Session old = user.login();
        String twoDaysAgo = "now() - interval '2 days'";
        age(revoked.refreshToken(), "revoked_at = " + twoDaysAgo);
        age(idle.refreshToken(), "idle_expires_at = " + twoDaysAgo);
        age(old.refreshToken(), "absolute_expires_at = " + twoDaysAgo);

        await(pruning.prune(Instant.now()));

        assertEquals(List.of(2L), familySizes(user.id()), "only the live family is left, with its spent token");
        // the spent token is still known: presenting it again revokes the family
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", live.refreshToken()))
                .post("/auth/refresh")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_grant"));
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", rotated))
                .post("/auth/refresh")
                .then()
                .statusCode(401);
    }

    @Test
    void aFamilyRevokedJustNowIsKeptForADay() throws Throwable {
        TestUser user = TestUsers.register();
        Session session = user.login();
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", session.refreshToken()))
                .post("/auth/logout")
                .then()
                .statusCode(204);

        await(pruning.prune(Instant.now()));

        assertEquals(List.of(1L), familySizes(user.id()));
    }

    private static String refresh(String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", token))
                .post("/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .path("refreshToken");
    }

    /** Moves a time column of the token's whole family into the past. */
    private void age(String token, String assignment) throws Throwable {
        await(pool.preparedQuery("UPDATE refresh_token SET " + assignment
                        + " WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1)")
                .execute(Tuple.tuple().addBuffer(Buffer.buffer(OpaqueTokens.sha256(token)))));
    }

    private List<Long> familySizes(String userId) throws Throwable {
        var rows = await(
                pool.preparedQuery("SELECT count(*) AS n FROM refresh_token WHERE user_id = $1 GROUP BY family_id")
                        .execute(Tuple.of(UUID.fromString(userId))));
        List<Long> sizes = new ArrayList<>();
        for (Row row : rows) {
            sizes.add(row.getLong("n"));
        }
        return sizes;
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> uni);
    }
}
