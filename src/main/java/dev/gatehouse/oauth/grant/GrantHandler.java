package dev.gatehouse.oauth.grant;

import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.oauth.protocol.SupportedGrant;
import dev.gatehouse.oauth.protocol.TokenResponse;
import io.smallrye.mutiny.Uni;

/**
 * One grant type of the token endpoint (RFC 6749 §4, §6). The client is already authenticated, and
 * the request's DPoP proof checked: {@code jkt} is the thumbprint of its key (RFC 9449 §5), which the
 * access token is bound to, or null without a proof.
 */
public interface GrantHandler extends SupportedGrant {

    Uni<TokenResponse> handle(OAuthClient client, FormParams params, String jkt);
}
