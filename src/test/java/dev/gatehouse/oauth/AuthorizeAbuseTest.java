package dev.gatehouse.oauth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An unauthenticated GET /oauth2/authorize cannot store whatever it likes in Redis. */
@QuarkusTest
class AuthorizeAbuseTest {

    @Test
    void anOverlongStateIsRefusedAndNothingIsStored() {
        TestClient app = TestClients.publicClient("read", "authorization_code");
        Map<String, String> params = BrowserFlow.authorizeParams(app.id(), BrowserFlow.Pkce.create(), "s".repeat(1000));
        BrowserFlow.authorize(params, null)
                .then()
                .statusCode(400)
                .header("Set-Cookie", nullValue())
                .body(containsString("state"));
    }
}
