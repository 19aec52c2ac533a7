package dev.gatehouse.oauth.grant;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOrigin;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Faults;
import dev.gatehouse.oauth.authorize.AuthorizationCodes;
import dev.gatehouse.oauth.authorize.AuthorizationCodes.CodeGrant;
import dev.gatehouse.oauth.authorize.AuthorizationCodes.Spent;
import dev.gatehouse.oauth.authorize.AuthorizationCodes.Taken;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.oauth.protocol.Pkce;
import dev.gatehouse.oauth.protocol.TokenResponse;
import dev.gatehouse.refresh.FamilyRevocations;
import dev.gatehouse.user.UserService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** RFC 6749 §4.1.3 with RFC 7636: a single-use code, bound to client, redirect URI and PKCE challenge. */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {

    private final AuthorizationCodes codes;
    private final UserService users;
    private final OAuthTokens tokens;
    private final TokenDenylist denylist;
    private final FamilyRevocations revocations;
    private final AuditLog audit;
    private final Audiences audiences;
    private final IdTokens idTokens;

    public AuthorizationCodeGrant(
            AuthorizationCodes codes,
            UserService users,
            OAuthTokens tokens,
            TokenDenylist denylist,
            FamilyRevocations revocations,
            AuditLog audit,
            Audiences audiences,
            IdTokens idTokens) {
        this.audiences = audiences;
        this.idTokens = idTokens;
        this.audit = audit;
        this.codes = codes;
        this.users = users;
        this.tokens = tokens;
        this.denylist = denylist;
        this.revocations = revocations;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParams params, String jkt) {
        String code = params.required("code");
        String verifier = params.required("code_verifier");
        String redirectUri = params.optional("redirect_uri");
        List<String> resources = params.all("resource");
        // RFC 8707 §2: refused before the code is spent, against what the client may ever be granted
        audiences.of(client, resources, client.scopeSet());
        // read first: a 503 while Redis's history changes leaves the code unspent for the retry
        return denylist.epoch()
                .chain(epoch -> codes.take(code).chain(taken -> {
                    if (taken == null) {
                        return replay(code);
                    }
                    // RFC 6749 §4.1.2: single use. A failover may have lost the mark of a use made before it
                    if (taken.issuedAtMillis() < epoch) {
                        return refused(
                                "The authorization code was issued before the token service lost state; start again");
                    }
                    return exchange(client, code, taken, verifier, redirectUri, resources, jkt);
                }));
    }

    private Uni<TokenResponse> exchange(
            OAuthClient client,
            String code,
            Taken taken,
            String verifier,
            String redirectUri,
            List<String> resources,
            String jkt) {
        CodeGrant grant = taken.grant();
        // RFC 6749 §4.1.3: the code was issued to this client
        if (!grant.clientId().equals(client.clientId)) {
            return refused("The authorization code was issued to another client");
        }
        // RFC 6749 §4.1.3: redirect_uri must be identical to the one of the authorization request
        if ((grant.redirectUriGiven() || redirectUri != null)
                && !grant.redirectUri().equals(redirectUri)) {
            return refused("redirect_uri does not match the authorization request");
        }
        // RFC 7636 §4.6
        if (!Pkce.verifies(verifier, grant.codeChallenge())) {
            return refused("code_verifier does not match the code challenge");
        }
        // RFC 9449 §10: a code bound to a key (dpop_jkt) is exchanged only with a proof of that key
        if (grant.dpopJkt() != null && !grant.dpopJkt().equals(jkt)) {
            return refused("The authorization code is bound to another DPoP key");
        }
        return users.find(UUID.fromString(grant.userId()))
                .chain(user -> tokens.forUser(client, user, grant.scope(), resources, browser(grant), jkt)
                        // OIDC Core §3.1.3.3: the ID token, when openid was granted
                        .chain(issued -> idTokens.afterCode(client, user, grant, issued)))
                // a store fault before anything was issued: the code goes back, so a retry can use it
                .onFailure(Faults::isInfrastructure)
                .call(e -> codes.restore(code, taken)
                        .onFailure()
                        .invoke(lost -> Log.warnf("Could not give authorization code back: %s", lost.toString()))
                        .onFailure()
                        .recoverWithNull())
                .chain(issued -> {
                    Spent spent = new Spent(
                            grant.userId(),
                            issued.familyId(),
                            issued.jti(),
                            Instant.now()
                                    .plusSeconds(issued.response().expiresIn())
                                    .getEpochSecond());
                    return codes.recordIssued(code, spent)
                            .chain(replayedMeanwhile -> replayedMeanwhile
                                    ? revoke(spent).chain(() -> refused("The authorization code was used twice"))
                                    : Uni.createFrom().item(issued.response()));
                });
    }

    /** RFC 6749 §4.1.2: a code used twice revokes the tokens it issued. */
    private Uni<TokenResponse> replay(String code) {
        return codes.replayed(code)
                .chain(spent -> spent == null
                        ? refused("The authorization code is invalid, expired or used")
                        : revoke(spent).chain(() -> refused("The authorization code was already used")));
    }

    private Uni<Void> revoke(Spent spent) {
        audit.record(
                AuditEventType.CODE_REUSED,
                Outcome.FAILURE,
                spent.userId(),
                null,
                "revoked family " + spent.familyId() + " and token " + spent.jti());
        Log.warnf(
                "Authorization code reused: revoking family %s and token %s of user %s",
                spent.familyId(), spent.jti(), spent.userId());
        Uni<Void> family = spent.familyId() == null
                ? Uni.createFrom().voidItem()
                : revocations
                        .revokeUserFamily(UUID.fromString(spent.userId()), UUID.fromString(spent.familyId()))
                        .replaceWithVoid();
        return family.chain(() -> denylist.deny(spent.jti(), Instant.ofEpochSecond(spent.expiresAtEpoch())));
    }

    private static <T> Uni<T> refused(String description) {
        return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_GRANT, description));
    }

    /** The browser that signed in, where the session the exchange starts began (null: the exchange's own request). */
    private static AuditOrigin browser(CodeGrant grant) {
        return grant.browserIp() == null && grant.browserUserAgent() == null
                ? null
                : new AuditOrigin(grant.browserIp(), grant.browserUserAgent(), null);
    }
}
