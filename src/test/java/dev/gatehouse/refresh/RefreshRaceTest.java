package dev.gatehouse.refresh;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.Session;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefreshRaceTest {

    private static final int PARALLEL = 16;

    @TestHTTPResource("/auth/refresh")
    URI refreshUri;

    @Test
    void parallelRefreshesOfOneTokenHaveExactlyOneWinnerAndKillTheFamily() {
        Session session = TestUsers.register().login();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(refreshUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + session.refreshToken() + "\"}"))
                .build();

        List<HttpResponse<String>> responses = IntStream.range(0, PARALLEL)
                .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(CompletableFuture::join)
                .toList();

        List<HttpResponse<String>> winners =
                responses.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(1, winners.size(), "exactly one refresh wins");
        assertEquals(
                PARALLEL - 1,
                responses.stream().filter(r -> r.statusCode() == 401).count());
        String next = new io.vertx.core.json.JsonObject(winners.get(0).body()).getString("refreshToken");
        // the losers presented a spent token: the family, winner's new token included, is dead
        given().contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + next + "\"}")
                .post("/auth/refresh")
                .then()
                .statusCode(401);
    }
}
