package dev.gatehouse.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server nonces (RFC 9449 §8) when {@code gatehouse.dpop.nonce-required} is on: a proof without the
 * nonce is answered {@code use_dpop_nonce} with a {@code DPoP-Nonce} header, by the token endpoint
 * with 400 and by a protected resource with 401 and a {@code DPoP} challenge; with the nonce it passes.
 */
@QuarkusTest
@TestProfile(DpopNonceTest.NonceRequired.class)
class DpopNonceTest {

    public static class NonceRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.dpop.nonce-required", "true");
        }
    }

    @Test
    void aProofWithoutTheServerNonceIsAnsweredWithOneAndPassesWithIt() throws Exception {
        NimbusDpopClient client = new NimbusDpopClient(
                TestClients.publicClient(DpopRequests.SCOPE, "password").id());
        var grant = NimbusDpopClient.password(TestUsers.register());

        HTTPResponse refused = client.token(grant, null);
        assertEquals(400, refused.getStatusCode());
        assertEquals(
                "use_dpop_nonce",
                TokenErrorResponse.parse(refused).getErrorObject().getCode());
        String nonce = refused.getHeaderValue("DPoP-Nonce");
        assertNotNull(nonce, "DPoP-Nonce");

        HTTPResponse issued = client.token(grant, new Nonce("not-a-server-nonce"));
        assertEquals(
                "use_dpop_nonce",
                TokenErrorResponse.parse(issued).getErrorObject().getCode(),
                "a made-up nonce");
        issued = client.token(grant, new Nonce(nonce));
        TokenResponse response = TokenResponse.parse(issued);
        assertTrue(response.indicatesSuccess(), issued::getBody);
        DPoPAccessToken token =
                (DPoPAccessToken) response.toSuccessResponse().getTokens().getAccessToken();

        HTTPResponse noNonce = client.call(HTTPRequest.Method.GET, NimbusDpopClient.ME, token, null);
        assertEquals(401, noNonce.getStatusCode());
        assertTrue(
                noNonce.getHeaderValue("WWW-Authenticate").startsWith("DPoP error=\"use_dpop_nonce\""),
                noNonce.getHeaderValue("WWW-Authenticate"));
        assertEquals(nonce, noNonce.getHeaderValue("DPoP-Nonce"));
        assertEquals(
                200,
                client.call(HTTPRequest.Method.GET, NimbusDpopClient.ME, token, new Nonce(nonce))
                        .getStatusCode());
    }
}
