package dev.gatehouse.oauth.grant;

import dev.gatehouse.oauth.FormParams;
import dev.gatehouse.oauth.TokenResponse;
import dev.gatehouse.oauth.client.OAuthClient;
import io.smallrye.mutiny.Uni;

/** One grant type of the token endpoint (RFC 6749 §4, §6). The client is already authenticated. */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    Uni<TokenResponse> handle(OAuthClient client, FormParams params);
}
