package dev.gatehouse.dpop;

import static dev.gatehouse.dpop.DpopRequests.ME;
import static dev.gatehouse.dpop.DpopRequests.SCOPE;
import static dev.gatehouse.dpop.DpopRequests.TOKEN;
import static dev.gatehouse.dpop.DpopRequests.USERINFO;
import static dev.gatehouse.dpop.DpopRequests.boundTokens;
import static dev.gatehouse.dpop.DpopRequests.get;
import static dev.gatehouse.dpop.DpopRequests.password;
import static dev.gatehouse.dpop.DpopRequests.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.support.Jwts;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DPoP (RFC 9449): proofs at the token endpoint bind tokens; Gatehouse's API and userinfo demand the key. */
@QuarkusTest
class DpopTest {

    private final DpopKey key = DpopKey.generate();

    private static TestClient publicClient() {
        return TestClients.publicClient(SCOPE, "password", "refresh_token");
    }

    @Test
    void aProofAtTheTokenEndpointBindsTheAccessTokenToItsKey() {
        JsonPath tokens = boundTokens(publicClient(), TestUsers.register(), key);

        assertEquals("DPoP", tokens.getString("token_type"));
        assertEquals(
                Map.of("jkt", key.jkt()),
                Jwts.payload(tokens.getString("access_token")).get("cnf"));
    }

    @Test
    void aBoundTokenReachesTheApiAndUserinfoWithTheDpopScheme() {
        TestUser user = TestUsers.register();
        String token = boundTokens(publicClient(), user, key).getString("access_token");

        get(ME, token, key.proof("GET", ME, token, null)).then().statusCode(200).body("email", equalTo(user.email()));
        get(USERINFO, token, key.proof("GET", USERINFO, token, null))
                .then()
                .statusCode(200)
                .body("sub", equalTo(user.id()));
        given().header("Authorization", "DPoP " + token)
                .header("DPoP", key.proof("POST", USERINFO, token, null))
                .post(USERINFO)
                .then()
                .statusCode(200)
                .body("sub", equalTo(user.id()));
    }

    @Test
    void aBoundTokenSentAsBearerIsRefused() {
        String token = boundTokens(publicClient(), TestUsers.register(), key).getString("access_token");

        for (String path : List.of(ME, USERINFO)) {
            given().auth()
                    .oauth2(token)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_token"))
                    .header("WWW-Authenticate", containsString("DPoP error=\"invalid_token\""));
        }
        given().formParam("access_token", token)
                .post(USERINFO)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void anUnboundTokenWithTheDpopSchemeIsRefusedAndBearerStillWorks() {
        JsonPath tokens = token(publicClient(), password(TestUsers.register()))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String token = tokens.getString("access_token");
        assertEquals("Bearer", tokens.getString("token_type"));

        get(ME, token, key.proof("GET", ME, token, null))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth().oauth2(token).get(ME).then().statusCode(200);
    }

    @Test
    void aProofIsAcceptedOnceAtTheApiAndAtTheTokenEndpoint() {
        TestClient client = publicClient();
        TestUser user = TestUsers.register();
        String token = boundTokens(client, user, key).getString("access_token");
        String proof = key.proof("GET", ME, token, null);

        get(ME, token, proof).then().statusCode(200);
        get(ME, token, proof)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_dpop_proof"))
                .header("WWW-Authenticate", containsString("DPoP error=\"invalid_dpop_proof\""));

        String tokenProof = key.proof("POST", TOKEN);
        token(client, password(user), tokenProof).then().statusCode(200);
        token(client, password(user), tokenProof).then().statusCode(400).body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void aProofForAnotherUriOrMethodIsRefused() {
        String token = boundTokens(publicClient(), TestUsers.register(), key).getString("access_token");

        get(ME, token, key.proof("GET", USERINFO, token, null))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_dpop_proof"));
        get(ME, token, key.proof("POST", ME, token, null))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_dpop_proof"));
        // the URI is the configured issuer's, whatever a Host or X-Forwarded-Host header claims
        get(ME, token, key.custom("GET", "https://attacker.example" + ME, token, h -> h, c -> c))
                .then()
                .statusCode(401);
    }

    @Test
    void theTargetUriIsComparedAfterNormalisationWithoutQuery() {
        String token = boundTokens(publicClient(), TestUsers.register(), key).getString("access_token");
        String shouted =
                TestIssuer.url(ME)
                                .replace("http://localhost", "HTTP://LocalHost")
                                .replace("/users/", "/%75sers/") + "?page=1";

        get(ME, token, key.custom("GET", shouted, token, h -> h, c -> c)).then().statusCode(200);
    }

    @Test
    void aProofOutsideTheIatWindowIsRefused() {
        String token = boundTokens(publicClient(), TestUsers.register(), key).getString("access_token");
        long now = System.currentTimeMillis();

        for (long offset : new long[] {-120_000, 60_000}) {
            String proof =
                    key.custom("GET", TestIssuer.url(ME), token, h -> h, c -> c.issueTime(new Date(now + offset)));
            get(ME, token, proof)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_dpop_proof"))
                    .body("error_description", containsString("iat"));
        }
    }

    @Test
    void aProofForAnotherAccessTokenIsRefused() {
        String token = boundTokens(publicClient(), TestUsers.register(), key).getString("access_token");

        get(ME, token, key.proof("GET", ME, token + "x", null))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_dpop_proof"))
                .body("error_description", containsString("ath"));
        get(ME, token, key.custom("GET", TestIssuer.url(ME), null, h -> h, c -> c))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void aProofSignedByAnotherKeyThanTheTokensIsRefused() {
        String token = boundTokens(publicClient(), TestUsers.register(), key).getString("access_token");

        get(ME, token, DpopKey.generate().proof("GET", ME, token, null))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_dpop_proof"))
                .body("error_description", containsString("bound to"));
    }

    @Test
    void aProofOfTheWrongTypeOrWithAPrivateKeyIsRefused() {
        TestClient client = publicClient();
        TestUser user = TestUsers.register();
        String url = TestIssuer.url(TOKEN);

        String jwtType = key.custom("POST", url, null, h -> h.type(com.nimbusds.jose.JOSEObjectType.JWT), c -> c);
        token(client, password(user), jwtType)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"))
                .body("error_description", containsString("typ"));
        String privateJwk = key.withPrivateJwk("POST", url);
        token(client, password(user), privateJwk)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"))
                .body("error_description", containsString("public"));
        String noJti = key.custom("POST", url, null, h -> h, c -> c.jwtID(null));
        token(client, password(user), noJti).then().statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        token(client, password(user), "not.a.jwt").then().statusCode(400).body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void twoDpopHeadersAreRefused() {
        token(publicClient(), password(TestUsers.register()), key.proof("POST", TOKEN), key.proof("POST", TOKEN))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void aClientRegisteredForDpopMustSendAProof() {
        Map<String, Object> metadata = TestClients.metadata(SCOPE, "none", "password");
        metadata.put("dpop_bound_access_tokens", true);
        TestClient client = TestClients.register(metadata);
        TestUser user = TestUsers.register();

        token(client, password(user)).then().statusCode(400).body("error", equalTo("invalid_dpop_proof"));
        token(client, password(user), key.proof("POST", TOKEN))
                .then()
                .statusCode(200)
                .body("token_type", equalTo("DPoP"));
        given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .get("/api/admin/clients/" + client.id())
                .then()
                .statusCode(200)
                .body("dpop_bound_access_tokens", equalTo(true));
    }

    @Test
    void aPublicClientsRefreshTokenWorksOnlyWithItsKey() {
        TestClient client = publicClient();
        String refresh = boundTokens(client, TestUsers.register(), key).getString("refresh_token");
        Map<String, String> form = Map.of("grant_type", "refresh_token", "refresh_token", refresh);

        token(client, form, DpopKey.generate().proof("POST", TOKEN))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        token(client, form).then().statusCode(400).body("error", equalTo("invalid_grant"));
        // refused without spending it: the key's holder still refreshes, and the new token stays bound
        JsonPath next = token(client, form, key.proof("POST", TOKEN))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                Map.of("jkt", key.jkt()),
                Jwts.payload(next.getString("access_token")).get("cnf"));
        Map<String, String> nextForm =
                Map.of("grant_type", "refresh_token", "refresh_token", next.getString("refresh_token"));
        token(client, nextForm).then().statusCode(400).body("error", equalTo("invalid_grant"));
        token(client, nextForm, key.proof("POST", TOKEN)).then().statusCode(200).body("token_type", equalTo("DPoP"));
    }

    @Test
    void aConfidentialClientsRefreshTokenIsNotBoundButItsAccessTokensAre() {
        TestClient client = TestClients.confidential(SCOPE, "password", "refresh_token");
        String refresh = boundTokens(client, TestUsers.register(), key).getString("refresh_token");
        Map<String, String> form = Map.of("grant_type", "refresh_token", "refresh_token", refresh);

        JsonPath unbound = token(client, form).then().statusCode(200).extract().jsonPath();
        assertEquals("Bearer", unbound.getString("token_type"));
        DpopKey other = DpopKey.generate();
        JsonPath rebound = token(
                        client,
                        Map.of("grant_type", "refresh_token", "refresh_token", unbound.getString("refresh_token")),
                        other.proof("POST", TOKEN))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                Map.of("jkt", other.jkt()),
                Jwts.payload(rebound.getString("access_token")).get("cnf"));
    }

    @Test
    void clientCredentialsWithAProofAreBoundAndIntrospectionShowsTheKey() {
        TestClient client = TestClients.confidential("jobs.run", "client_credentials");
        String token = token(client, Map.of("grant_type", "client_credentials"), key.proof("POST", TOKEN))
                .then()
                .statusCode(200)
                .body("token_type", equalTo("DPoP"))
                .extract()
                .path("access_token");

        client.post("/oauth2/introspect", Map.of("token", token))
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("token_type", equalTo("DPoP"))
                .body("cnf.jkt", equalTo(key.jkt()));
        String plain = client.token(Map.of("grant_type", "client_credentials"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        client.post("/oauth2/introspect", Map.of("token", plain))
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("cnf", nullValue());
    }

    @Test
    void discoveryListsTheProofAlgorithmsAndTheApiChallengesBothSchemes() {
        given().get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .body("dpop_signing_alg_values_supported", hasItems("ES256", "RS256", "PS256", "EdDSA"));
        given().get(ME).then().statusCode(401).header("WWW-Authenticate", containsString("DPoP algs=\""));
    }
}
