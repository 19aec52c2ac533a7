package dev.gatehouse.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers.TestUser;
import java.net.URI;

/**
 * A public client whose requests are built by the unmodified Nimbus OAuth 2.0 SDK, with DPoP proofs
 * from its {@link DefaultDPoPProofFactory} (a nonce added when the server asks for one).
 */
final class NimbusDpopClient {

    static final URI TOKEN = URI.create(TestIssuer.url(DpopRequests.TOKEN));
    static final URI ME = URI.create(TestIssuer.url(DpopRequests.ME));
    static final URI USERINFO = URI.create(TestIssuer.url(DpopRequests.USERINFO));

    final DefaultDPoPProofFactory proofs;
    private final ClientID clientId;

    NimbusDpopClient(String clientId) throws Exception {
        this.clientId = new ClientID(clientId);
        this.proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
    }

    static AuthorizationGrant password(TestUser user) {
        return new ResourceOwnerPasswordCredentialsGrant(user.email(), new Secret(user.password()));
    }

    /** A token request for {@code grant} with a proof (carrying {@code nonce} if not null), sent. */
    HTTPResponse token(AuthorizationGrant grant, Nonce nonce) throws Exception {
        HTTPRequest request =
                new TokenRequest(TOKEN, clientId, grant, new Scope(DpopRequests.SCOPE.split(" "))).toHTTPRequest();
        request.setDPoP(proofs.createDPoPJWT("POST", TOKEN, nonce));
        return request.send();
    }

    /** A request with the token in {@code Authorization: DPoP} and a proof for it. */
    HTTPResponse call(HTTPRequest.Method method, URI uri, AccessToken token, Nonce nonce) throws Exception {
        HTTPRequest request = new HTTPRequest(method, uri);
        request.setAuthorization(token.toAuthorizationHeader());
        request.setDPoP(proofs.createDPoPJWT(method.name(), uri, token, nonce));
        return request.send();
    }
}
