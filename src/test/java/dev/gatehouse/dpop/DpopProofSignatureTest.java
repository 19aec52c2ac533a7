package dev.gatehouse.dpop;

import static dev.gatehouse.dpop.DpopRequests.ME;
import static dev.gatehouse.dpop.DpopRequests.SCOPE;
import static dev.gatehouse.dpop.DpopRequests.TOKEN;
import static dev.gatehouse.dpop.DpopRequests.get;
import static dev.gatehouse.dpop.DpopRequests.password;
import static dev.gatehouse.dpop.DpopRequests.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import dev.gatehouse.support.Jwts;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 9449 §4.3 step 6: a proof counts only when its signature verifies with the key in its own
 * {@code jwk} header, a key on the curve its algorithm names; ES256 has a verification path of its
 * own ({@code crypto.Es256Signatures}), the other listed algorithms go through jose4j.
 */
@QuarkusTest
class DpopProofSignatureTest {

    private final DpopKey key = DpopKey.generate();

    private static TestClient publicClient() {
        return TestClients.publicClient(SCOPE, "password", "refresh_token");
    }

    private static Response tokenWith(String proof) {
        return token(publicClient(), password(TestUsers.register()), proof);
    }

    @Test
    void aProofWhoseJwkIsAnotherKeyThanTheSignersIsRefused() throws JOSEException {
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        String proof = key.withJwk(other.toPublicJWK().toJSONString(), "POST", TestIssuer.url(TOKEN));

        tokenWith(proof)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"))
                .body("error_description", containsString("signature does not verify"));
    }

    @Test
    void aProofWithAlteredClaimsIsRefused() {
        String proof = key.proof("POST", TOKEN);
        String[] parts = proof.split("\\.");
        String claims = Base64URL.encode(
                        new Base64URL(parts[1]).decodeToString().replace("\"POST\"", "\"POST\" "))
                .toString();

        tokenWith(parts[0] + "." + claims + "." + parts[2])
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"));
    }

    /** An invalid-curve key: a point that is not on P-256 must never reach the arithmetic. */
    @Test
    void aProofWhoseJwkIsNotAPointOfP256IsRefused() {
        ECKey publicKey = key.key.toPublicJWK();
        BigInteger y = publicKey.getY().decodeToBigInteger().add(BigInteger.ONE);
        String offCurve = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + publicKey.getX() + "\",\"y\":\""
                + Base64URL.encode(y) + "\"}";

        tokenWith(key.withJwk(offCurve, "POST", TestIssuer.url(TOKEN)))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void anEs256ProofWithAKeyOfAnotherCurveIsRefused() throws JOSEException {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();

        tokenWith(key.withJwk(p384.toPublicJWK().toJSONString(), "POST", TestIssuer.url(TOKEN)))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"));
    }

    /** The algorithms other than ES256 keep working end to end: an RS256 proof binds tokens and reaches the API. */
    @Test
    void anRs256ProofBindsTheTokenAndItsNextProofReachesTheApi() throws JOSEException {
        JWK rsa = new RSAKeyGenerator(2048).generate();
        DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(rsa, JWSAlgorithm.RS256);

        String token = tokenWith(proofs.createDPoPJWT("POST", URI.create(TestIssuer.url(TOKEN)))
                        .serialize())
                .then()
                .statusCode(200)
                .body("token_type", equalTo("DPoP"))
                .extract()
                .path("access_token");
        assertEquals(
                Map.of("jkt", rsa.computeThumbprint().toString()),
                Jwts.payload(token).get("cnf"));
        String proof = proofs.createDPoPJWT(
                        "GET", URI.create(TestIssuer.url(ME)), new com.nimbusds.oauth2.sdk.token.DPoPAccessToken(token))
                .serialize();
        get(ME, token, proof).then().statusCode(200);
    }
}
