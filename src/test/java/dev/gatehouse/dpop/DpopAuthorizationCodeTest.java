package dev.gatehouse.dpop;

import static dev.gatehouse.dpop.DpopRequests.TOKEN;
import static dev.gatehouse.dpop.DpopRequests.token;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.BrowserFlow;
import dev.gatehouse.support.BrowserFlow.Pkce;
import dev.gatehouse.support.Jwts;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9449 §10: an authorization request's {@code dpop_jkt} binds the code to a key, and only a
 * proof of that key exchanges it; a stolen code and verifier are worth nothing without the key.
 */
@QuarkusTest
class DpopAuthorizationCodeTest {

    private final DpopKey key = DpopKey.generate();
    private TestClient client;

    @BeforeEach
    void registerClient() {
        client = TestClients.publicClient("openid", "authorization_code");
    }

    @Test
    void aCodeBoundWithDpopJktIsExchangedWithAProofOfThatKey() {
        Pkce pkce = Pkce.create();
        String code = boundCode(pkce, key.jkt());

        JsonPath tokens = token(client, exchange(code, pkce), key.proof("POST", TOKEN))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("DPoP", tokens.getString("token_type"));
        assertEquals(
                Map.of("jkt", key.jkt()),
                Jwts.payload(tokens.getString("access_token")).get("cnf"));
    }

    @Test
    void aBoundCodeIsRefusedWithAProofOfAnotherKey() {
        Pkce pkce = Pkce.create();
        String code = boundCode(pkce, key.jkt());

        token(client, exchange(code, pkce), DpopKey.generate().proof("POST", TOKEN))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void aBoundCodeIsRefusedWithoutAProof() {
        Pkce pkce = Pkce.create();
        String code = boundCode(pkce, key.jkt());

        token(client, exchange(code, pkce)).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aDpopJktThatIsNoThumbprintIsRefusedAtTheAuthorizationEndpoint() {
        Map<String, String> params = BrowserFlow.authorizeParams(client.id(), Pkce.create(), "s-1");
        params.put("dpop_jkt", "not-a-thumbprint");

        assertEquals(
                "invalid_request",
                BrowserFlow.query(BrowserFlow.authorize(params, null)).get("error"));
    }

    private String boundCode(Pkce pkce, String jkt) {
        Map<String, String> params = BrowserFlow.authorizeParams(client.id(), pkce, "s-1");
        params.put("dpop_jkt", jkt);
        BrowserFlow.LoginForm form = BrowserFlow.loginForm(BrowserFlow.authorize(params, null)
                .then()
                .statusCode(200)
                .extract()
                .response());
        TestUsers.TestUser user = TestUsers.register();
        return BrowserFlow.query(BrowserFlow.submit(form, user.email(), user.password())
                        .then()
                        .statusCode(303)
                        .extract()
                        .response())
                .get("code");
    }

    private static Map<String, String> exchange(String code, Pkce pkce) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", TestClients.REDIRECT_URI);
        form.put("code_verifier", pkce.verifier());
        return form;
    }
}
