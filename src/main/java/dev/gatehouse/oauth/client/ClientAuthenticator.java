package dev.gatehouse.oauth.client;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ClientIp;
import dev.gatehouse.oauth.protocol.FormParams;
import dev.gatehouse.ratelimit.Decision;
import dev.gatehouse.ratelimit.Limit;
import dev.gatehouse.ratelimit.Limits;
import dev.gatehouse.ratelimit.RateLimitState;
import dev.gatehouse.ratelimit.RateLimiter;
import dev.gatehouse.ratelimit.RequestLimits;
import dev.gatehouse.redis.ReadAlong;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * RFC 6749 §2.3 client authentication at the token, revocation and introspection endpoints:
 * {@code client_secret_basic}, {@code client_secret_post}, or {@code none} for public clients,
 * each only for a client registered with that method.
 *
 * <p>Failures are limited per client and client address ({@code gatehouse.rate-limit.client-auth}),
 * so an attacker elsewhere can never lock a client out. The credentials are checked first (a
 * cached client and one hash: no Redis), then one Redis script counts the request, looks at the
 * failures of this client from this address and, for a failure, counts it in the same atomic
 * step: parallel attempts cannot overrun the limit. Past the limit every attempt from that
 * address gets 429, right or wrong.
 */
@ApplicationScoped
public class ClientAuthenticator {

    public static final String CHALLENGE = "Basic realm=\"gatehouse\", charset=\"UTF-8\"";

    /** The credentials checked: the client, or why it is refused. */
    private record Verification(OAuthClient client, ApiException refusal) {
        boolean failed() {
            return refusal instanceof ClientAuthFailure;
        }
    }

    private final ClientCache clients;
    private final RateLimiter limiter;
    private final Limits limits;
    private final RateLimitState state;
    private final AuditLog audit;
    private final RequestLimits requestLimits;
    private final ClientAuthFailures failures;
    private final CurrentVertxRequest request;

    public ClientAuthenticator(
            ClientCache clients,
            RateLimiter limiter,
            Limits limits,
            RateLimitState state,
            AuditLog audit,
            RequestLimits requestLimits,
            ClientAuthFailures failures,
            CurrentVertxRequest request) {
        this.audit = audit;
        this.requestLimits = requestLimits;
        this.clients = clients;
        this.limiter = limiter;
        this.limits = limits;
        this.state = state;
        this.failures = failures;
        this.request = request;
    }

    /**
     * The authenticated client, or 401 {@code invalid_client}; 429 {@code rate_limited} once this
     * client has failed too often from this address.
     */
    public Uni<OAuthClient> authenticate(String authorization, FormParams form) {
        return authenticate(authorization, form, null, ReadAlong.NONE);
    }

    /**
     * {@link #authenticate(String, FormParams)}, and in the same Redis round trip counts the
     * request under {@code requestLimit} (429 past it, whatever the credentials) and reads the keys
     * of {@code along}.
     */
    public Uni<OAuthClient> authenticate(String authorization, FormParams form, Limit requestLimit, ReadAlong along) {
        ClientCredentials presented;
        try {
            presented = ClientCredentials.read(authorization, form);
        } catch (ApiException malformed) {
            if (requestLimit == null) {
                return refused(null, malformed);
            }
            return limited(null, new Verification(null, malformed), requestLimit, along);
        }
        return verify(presented).chain(verification -> limited(presented, verification, requestLimit, along));
    }

    /** One script: the request counted, this client's failures from this address looked at (and a failure counted). */
    private Uni<OAuthClient> limited(
            ClientCredentials presented, Verification verification, Limit requestLimit, ReadAlong along) {
        List<Limit> hits = new ArrayList<>();
        List<Limit> peeks = new ArrayList<>();
        if (requestLimit != null) {
            hits.add(requestLimit);
        }
        if (presented != null) {
            Limit clientFailures = limits.clientAuth(presented.clientId(), clientIp());
            (verification.failed() ? hits : peeks).add(clientFailures);
        }
        String member = hits.isEmpty() ? "-" : UUID.randomUUID().toString(); // a peek counts nothing
        return limiter.hitPeekAndRead(member, hits, peeks, along).chain(decision -> {
            state.record(decision);
            if (!decision.allowed()) {
                return Uni.createFrom().failure(rateLimited(decision, requestLimit, presented));
            }
            if (verification.refusal() != null) {
                return refused(presented, verification.refusal());
            }
            return Uni.createFrom().item(verification.client());
        });
    }

    /** 429: the request limit when that is the one exhausted (nothing was counted), else the client's failures. */
    private ApiException rateLimited(Decision decision, Limit requestLimit, ClientCredentials presented) {
        boolean requests = decision.statuses().stream()
                .anyMatch(status -> status.limit().equals(requestLimit) && status.exhausted());
        if (requests) {
            return requestLimits.refused(requestLimit);
        }
        audit.record(AuditEventType.RATE_LIMITED, Outcome.FAILURE, null, presented.clientId(), "client-auth");
        return new ApiException(
                ErrorCode.RATE_LIMITED, "Too many failed client authentications; retry after the time in Retry-After");
    }

    private <T> Uni<T> refused(ClientCredentials presented, ApiException e) {
        if (e instanceof ClientAuthFailure failure) {
            failures.record(presented == null ? null : presented.clientId(), failure.registered(), failure.reason());
        }
        return Uni.createFrom().failure(e);
    }

    private String clientIp() {
        var current = request.getCurrent();
        return current == null ? "unknown" : ClientIp.of(current.request());
    }

    private Uni<Verification> verify(ClientCredentials presented) {
        return clients.find(presented.clientId()).map(client -> {
            if (client == null) {
                return new Verification(null, new ClientAuthFailure("unknown client"));
            }
            if (!client.tokenEndpointAuthMethod.equals(presented.method())) {
                return new Verification(
                        null,
                        new ClientAuthFailure(
                                "registered for " + client.tokenEndpointAuthMethod + ", presented "
                                        + presented.method(),
                                true));
            }
            if (!client.isPublic() && !OpaqueTokens.matches(presented.secret(), client.secretHash)) {
                return new Verification(null, new ClientAuthFailure("wrong secret", true));
            }
            return new Verification(client, null);
        });
    }
}
