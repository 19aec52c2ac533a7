package dev.gatehouse.oauth.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import dev.gatehouse.support.DeviceBrowser;
import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** RFC 8628 with an unmodified client library: Nimbus's device authorization request and device code grant. */
@QuarkusTest
class DeviceNimbusInteropTest {

    @Test
    void nimbusRunsTheDeviceFlowFromDiscovery() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(TestIssuer.issuer()));
        assertTrue(metadata.getGrantTypes().contains(GrantType.DEVICE_CODE));
        TestClient client = TestClients.confidential("read", DeviceClients.GRANT);
        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(client.id()), new Secret(client.secret()));

        DeviceAuthorizationResponse authorization =
                DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest.Builder(auth)
                        .endpointURI(metadata.getDeviceAuthorizationEndpointURI())
                        .scope(new Scope("read"))
                        .build()
                        .toHTTPRequest()
                        .send());
        assertTrue(
                authorization.indicatesSuccess(),
                () -> authorization.toErrorResponse().getErrorObject().toString());
        DeviceAuthorizationSuccessResponse started = authorization.toSuccessResponse();
        assertNotNull(started.getVerificationURIComplete());

        TokenRequest poll =
                new TokenRequest(metadata.getTokenEndpointURI(), auth, new DeviceCodeGrant(started.getDeviceCode()));
        TokenResponse pending = TokenResponse.parse(poll.toHTTPRequest().send());
        assertEquals(
                DeviceAuthorizationGrantError.AUTHORIZATION_PENDING,
                assertInstanceOf(TokenErrorResponse.class, pending).getErrorObject());

        DeviceBrowser.signInAndDecide(started.getUserCode().getValue(), TestUsers.register(), true);
        Thread.sleep(started.getInterval() * 1000L + 200);
        TokenResponse tokens = TokenResponse.parse(poll.toHTTPRequest().send());
        assertTrue(
                tokens.indicatesSuccess(),
                () -> tokens.toErrorResponse().getErrorObject().toString());
        assertEquals(
                new Scope("read"),
                tokens.toSuccessResponse().getTokens().getAccessToken().getScope());
    }
}
