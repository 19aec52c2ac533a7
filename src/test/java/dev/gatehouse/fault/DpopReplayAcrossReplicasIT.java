package dev.gatehouse.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A DPoP proof is accepted once across replicas (RFC 9449 §11.1): two packaged replicas on the same
 * stores, a proof used on one is refused on the other, at the token endpoint and at the API. Both
 * replicas take {@code htu} from the configured issuer, not from the address they were reached at.
 * The test profile's stores (the {@code _TEST_...} settings of the environment move them).
 */
class DpopReplayAcrossReplicasIT {

    private static final String ISSUER = "http://localhost:8080";
    private static final String ADMIN_EMAIL = "admin-" + UUID.randomUUID() + "@dpop.test";
    private static final String ADMIN_PASSWORD = "Adm1n-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void twoReplicas() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "test");
        env.put("_TEST_GATEHOUSE_ISSUER", ISSUER);
        env.put("GATEHOUSE_MASTER_KEY", Replica.randomMasterKey());
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        a = new Replica("dpop-a", env).start();
        b = new Replica("dpop-b", env).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Replica replica : new Replica[] {a, b}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void aProofUsedOnOneReplicaIsRefusedOnTheOther() throws Exception {
        String admin = Api.login(a.url(), ADMIN_EMAIL, ADMIN_PASSWORD).string("token");
        String clientId = Api.registerClient(
                        a.url(),
                        admin,
                        new JsonObject()
                                .put("client_name", "dpop replicas")
                                .put("grant_types", new JsonArray().add("password"))
                                .put("token_endpoint_auth_method", "none")
                                .put("scope", "gatehouse:account"))
                .string("client_id");
        String email = "dpop-" + UUID.randomUUID() + "@replicas.test";
        assertEquals(201, Api.register(a.url(), email).status());
        DefaultDPoPProofFactory proofs =
                new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        Map<String, String> form = Map.of(
                "grant_type",
                "password",
                "client_id",
                clientId,
                "username",
                email,
                "password",
                Api.PASSWORD,
                "scope",
                "gatehouse:account");

        String tokenProof = proofs.createDPoPJWT("POST", URI.create(ISSUER + "/oauth2/token"))
                .serialize();
        HttpResponse<String> issued = token(a, form, tokenProof);
        assertEquals(200, issued.statusCode(), issued.body());
        HttpResponse<String> replayed = token(b, form, tokenProof);
        assertEquals(400, replayed.statusCode(), replayed.body());
        assertEquals("invalid_dpop_proof", new JsonObject(replayed.body()).getString("error"));

        String token = new JsonObject(issued.body()).getString("access_token");
        String meProof = proofs.createDPoPJWT("GET", URI.create(ISSUER + "/api/users/me"), new DPoPAccessToken(token))
                .serialize();
        assertEquals(200, me(b, token, meProof).statusCode(), "the first use, on B");
        HttpResponse<String> again = me(a, token, meProof);
        assertEquals(401, again.statusCode(), "the same proof on A");
        assertEquals("invalid_dpop_proof", new JsonObject(again.body()).getString("error"));
    }

    private static HttpResponse<String> token(Replica replica, Map<String, String> form, String proof)
            throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(replica.url() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("DPoP", proof)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> me(Replica replica, String token, String proof) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(replica.url() + "/api/users/me"))
                        .header("Authorization", "DPoP " + token)
                        .header("DPoP", proof)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
