package dev.gatehouse.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * DPoP driven by the Nimbus OAuth 2.0 SDK: discovery read as OpenID Provider metadata, a token
 * request with a Nimbus proof answered with a {@code DPoP} token, that token used on Gatehouse's
 * API and userinfo with Nimbus proofs, and refreshed with one.
 */
@QuarkusTest
class DpopNimbusInteropTest {

    @Test
    void discoveryParsedByNimbusNamesTheProofAlgorithms() throws Exception {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(TestIssuer.issuer()));

        assertTrue(metadata.getDPoPJWSAlgs().contains(JWSAlgorithm.ES256), "dpop_signing_alg_values_supported");
    }

    @Test
    void aNimbusClientGetsADpopTokenAndUsesItOnTheApiAndUserinfo() throws Exception {
        TestUser user = TestUsers.register();
        NimbusDpopClient client =
                new NimbusDpopClient(TestClients.publicClient(DpopRequests.SCOPE, "password", "refresh_token")
                        .id());

        AccessTokenResponse tokens = success(client.token(NimbusDpopClient.password(user), null));
        DPoPAccessToken token =
                assertInstanceOf(DPoPAccessToken.class, tokens.getTokens().getAccessToken());
        assertEquals(AccessTokenType.DPOP, token.getType());

        HTTPResponse me = client.call(HTTPRequest.Method.GET, NimbusDpopClient.ME, token, null);
        assertEquals(200, me.getStatusCode(), me.getBody());
        assertEquals(user.email(), new JsonObject(me.getBody()).getString("email"));

        HTTPRequest userinfo = new UserInfoRequest(NimbusDpopClient.USERINFO, token).toHTTPRequest();
        userinfo.setDPoP(client.proofs.createDPoPJWT("GET", NimbusDpopClient.USERINFO, token));
        UserInfoResponse info = UserInfoResponse.parse(userinfo.send());
        assertTrue(info.indicatesSuccess());
        assertEquals(
                user.id(), info.toSuccessResponse().getUserInfo().getSubject().getValue());

        AccessTokenResponse refreshed =
                success(client.token(new RefreshTokenGrant(tokens.getTokens().getRefreshToken()), null));
        assertInstanceOf(DPoPAccessToken.class, refreshed.getTokens().getAccessToken());
    }

    private static AccessTokenResponse success(HTTPResponse answer) throws Exception {
        TokenResponse response = TokenResponse.parse(answer);
        assertTrue(response.indicatesSuccess(), () -> answer.getStatusCode() + " " + answer.getBody());
        return response.toSuccessResponse();
    }
}
