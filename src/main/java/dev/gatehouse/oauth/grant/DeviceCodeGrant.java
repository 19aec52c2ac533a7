package dev.gatehouse.oauth.grant;

import dev.gatehouse.audit.AuditOrigin;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.oauth.device.DeviceCodes;
import dev.gatehouse.oauth.device.DeviceCodes.Poll;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.oauth.protocol.TokenResponse;
import dev.gatehouse.user.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * RFC 8628 §3.4, §3.5: the device polls with its device code; it learns that the user has not
 * decided yet, that it polls too fast, that the code expired or was denied, and once approved gets
 * the user's tokens, once (the code is spent by the poll that takes it).
 */
@ApplicationScoped
public class DeviceCodeGrant implements GrantHandler {

    public static final String GRANT_TYPE = DeviceCodes.GRANT_TYPE;

    private final DeviceCodes codes;
    private final UserService users;
    private final OAuthTokens tokens;
    private final Audiences audiences;
    private final TokenDenylist denylist;

    public DeviceCodeGrant(
            DeviceCodes codes, UserService users, OAuthTokens tokens, Audiences audiences, TokenDenylist denylist) {
        this.codes = codes;
        this.users = users;
        this.tokens = tokens;
        this.audiences = audiences;
        this.denylist = denylist;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Uni<TokenResponse> handle(OAuthClient client, FormParams params, String jkt) {
        String deviceCode = params.required("device_code");
        List<String> resources = params.all("resource");
        // RFC 8707 §2: refused before the code is spent, against what the client may ever be granted
        audiences.of(client, resources, client.scopeSet());
        // read first: a 503 while Redis's history changes leaves an approved code untaken for the next poll
        return denylist.epoch()
                .chain(epoch -> codes.poll(deviceCode, client.clientId)
                        .chain(poll -> answer(client, poll, epoch, resources, jkt)));
    }

    /** The token endpoint's answer to one poll; {@code epoch}: the denylist's, read before the poll. */
    private Uni<TokenResponse> answer(OAuthClient client, Poll poll, long epoch, List<String> resources, String jkt) {
        return switch (poll.state()) {
            // single use (RFC 8628 §3.5): a failover may have lost the mark of a poll that took it before
            case "approved" ->
                poll.decidedAt() > 0 && poll.decidedAt() < epoch
                        ? refused(
                                ErrorCode.EXPIRED_TOKEN,
                                "The approval predates a loss of the token service's state; start again")
                        : issue(client, poll, resources, jkt);
            // RFC 8628 §3.5: the user has not decided yet
            case "pending" -> refused(ErrorCode.AUTHORIZATION_PENDING, "The user has not yet approved this device");
            // RFC 8628 §3.5: polled before the interval passed; the interval grows by 5 s
            case "slow_down" ->
                refused(ErrorCode.SLOW_DOWN, "Polling too fast; wait 5 seconds longer between requests");
            // RFC 8628 §3.5
            case "denied" -> refused(ErrorCode.ACCESS_DENIED, "The user denied this device");
            case "expired" -> refused(ErrorCode.EXPIRED_TOKEN, "The device code has expired; start again");
            // RFC 6749 §5.2: unknown, issued to another client, or already used
            default -> refused(ErrorCode.INVALID_GRANT, "The device code is invalid or was already used");
        };
    }

    private Uni<TokenResponse> issue(OAuthClient client, Poll poll, List<String> resources, String jkt) {
        AuditOrigin browser = poll.browserIp() == null && poll.browserUserAgent() == null
                ? null
                : new AuditOrigin(poll.browserIp(), poll.browserUserAgent(), null);
        return users.find(UUID.fromString(poll.userId()))
                .chain(user -> tokens.forUser(client, user, poll.scope(), resources, browser, jkt))
                .map(OAuthTokens.Issued::response);
    }

    private static <T> Uni<T> refused(ErrorCode code, String description) {
        return Uni.createFrom().failure(new ApiException(code, description));
    }
}
