package dev.gatehouse.oauth.client;

import dev.gatehouse.audit.Outcome;
import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ControlCharacters;
import dev.gatehouse.oauth.FormParams;
import dev.gatehouse.token.OpaqueTokens;
import dev.gatehouse.ratelimit.Decision;
import dev.gatehouse.ratelimit.Limit;
import dev.gatehouse.ratelimit.Limits;
import dev.gatehouse.ratelimit.RateLimitState;
import dev.gatehouse.ratelimit.RateLimiter;
import dev.gatehouse.ratelimit.RequestLimits;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * RFC 6749 §2.3 client authentication at the token, revocation and introspection endpoints:
 * {@code client_secret_basic}, {@code client_secret_post}, or {@code none} for public clients,
 * each only for a client registered with that method.
 */
@ApplicationScoped
public class ClientAuthenticator {

    public static final String CHALLENGE = "Basic realm=\"gatehouse\", charset=\"UTF-8\"";

    private record Presented(String clientId, String secret, String method) {
    }

    /** A failed client authentication; the reason is for the log and the audit trail only. */
    private static final class Failure extends ApiException {
        private final String reason;

        Failure(String reason) {
            super(ErrorCode.INVALID_CLIENT, "Client authentication failed", CHALLENGE);
            this.reason = reason;
        }
    }

    private final ClientCache clients;
    private final RateLimiter limiter;
    private final Limits limits;
    private final RateLimitState state;
    private final AuditLog audit;
    private final RequestLimits requestLimits;

    public ClientAuthenticator(ClientCache clients, RateLimiter limiter, Limits limits, RateLimitState state,
                               AuditLog audit, RequestLimits requestLimits) {
        this.audit = audit;
        this.requestLimits = requestLimits;
        this.clients = clients;
        this.limiter = limiter;
        this.limits = limits;
        this.state = state;
    }

    /** The authenticated client, and the values of the keys read with the checks (null when Redis did not answer). */
    public record Authenticated(OAuthClient client, List<String> values) {
    }

    /**
     * The authenticated client, or 401 {@code invalid_client}; 429 {@code rate_limited} once a
     * client id has failed too often (its secret is then not even checked).
     */
    public Uni<OAuthClient> authenticate(String authorization, FormParams form) {
        return authenticate(authorization, form, null, List.of()).map(Authenticated::client);
    }

    /**
     * {@link #authenticate(String, FormParams)}, and before it counts the request under
     * {@code requestLimit} (429 past it, whatever the credentials) and reads {@code readKeys}, in
     * the same Redis round trip as the look at the client's failed authentications.
     */
    public Uni<Authenticated> authenticate(String authorization, FormParams form, Limit requestLimit, List<String> readKeys) {
        Presented presented = null;
        ApiException malformed = null;
        try {
            presented = presented(authorization, form);
        } catch (ApiException e) {
            malformed = e;
        }
        if (malformed != null && requestLimit == null) {
            return refused(malformed);
        }
        List<Limit> hits = requestLimit == null ? List.of() : List.of(requestLimit);
        List<Limit> peeks = presented == null ? List.of() : List.of(limits.clientAuth(presented.clientId()));
        Presented client = presented;
        ApiException failure = malformed;
        String member = hits.isEmpty() ? "-" : UUID.randomUUID().toString(); // a peek counts nothing
        return limiter.hitPeekAndRead(member, hits, peeks, readKeys).chain(checked -> {
            Decision decision = checked.decision();
            state.record(decision);
            if (!decision.allowed()) {
                return Uni.createFrom().failure(rateLimited(decision, requestLimit, client));
            }
            if (failure != null) {
                return refused(failure);
            }
            return verify(client).onFailure(Failure.class).call(e -> {
                audited(client.clientId(), (Failure) e);
                return limiter.add(UUID.randomUUID().toString(), peeks).invoke(state::record);
            }).map(verified -> new Authenticated(verified, checked.values()));
        });
    }

    /** 429: the request limit when that is the one exhausted (nothing was counted), else the client's failures. */
    private ApiException rateLimited(Decision decision, Limit requestLimit, Presented presented) {
        boolean requests = decision.statuses().stream()
                .anyMatch(status -> status.limit().equals(requestLimit) && status.exhausted());
        if (requests) {
            return requestLimits.refused(requestLimit);
        }
        audit.record(AuditEventType.RATE_LIMITED, Outcome.FAILURE, null, presented.clientId(), "client-auth");
        return new ApiException(ErrorCode.RATE_LIMITED,
                "Too many failed client authentications; retry after the time in Retry-After");
    }

    /** Credentials that could not even be read: no client id to audit them under. */
    private <T> Uni<T> refused(ApiException e) {
        if (e instanceof Failure failure) {
            audited(null, failure);
        }
        return Uni.createFrom().failure(e);
    }

    private void audited(String clientId, Failure failure) {
        Log.infof("Client authentication failed for client %s: %s", ControlCharacters.escaped(clientId), failure.reason);
        audit.record(AuditEventType.CLIENT_AUTH_FAILED, Outcome.FAILURE, null, clientId, failure.reason);
    }

    private Uni<OAuthClient> verify(Presented presented) {
        return clients.find(presented.clientId()).map(client -> {
            if (client == null) {
                throw new Failure("unknown client");
            }
            if (!client.tokenEndpointAuthMethod.equals(presented.method())) {
                throw new Failure("registered for " + client.tokenEndpointAuthMethod
                        + ", presented " + presented.method());
            }
            if (!client.isPublic() && !OpaqueTokens.matches(presented.secret(), client.secretHash)) {
                throw new Failure("wrong secret");
            }
            return client;
        });
    }

    private static Presented presented(String authorization, FormParams form) {
        String formId = form.optional("client_id");
        String formSecret = form.optional("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            // RFC 6749 §2.3: a client must not use more than one authentication method per request
            if (formSecret != null) {
                throw ApiException.invalidRequest("Use one client authentication method, not two");
            }
            Presented basic = basic(authorization.substring(6).trim());
            if (formId != null && !formId.equals(basic.clientId())) {
                throw ApiException.invalidRequest("client_id does not match the Authorization header");
            }
            return basic;
        }
        if (formId == null) {
            throw new Failure("no client authentication");
        }
        return formSecret != null
                ? new Presented(formId, formSecret, OAuthClient.AUTH_POST)
                : new Presented(formId, null, OAuthClient.AUTH_NONE);
    }

    /** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
    private static Presented basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new Failure("malformed Basic credentials");
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            return new Presented(id, secret, OAuthClient.AUTH_BASIC);
        } catch (IllegalArgumentException e) {
            throw new Failure("malformed Basic credentials");
        }
    }

}
