package dev.gatehouse.refresh;

import dev.gatehouse.audit.AuditContext;
import dev.gatehouse.audit.AuditOrigin;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.token.OpaqueTokens;
import dev.gatehouse.user.UserAccount;
import dev.gatehouse.user.UserService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Refresh-token families: a login starts one; every use spends the token and issues its child;
 * presenting a spent token again revokes the whole family (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
 * A revoked family takes its access tokens with it at once: its id is their {@code sid}, which
 * goes on the denylist (RFC 7009 §2.1). Ending a family on purpose is {@link FamilyRevocations}'.
 */
@ApplicationScoped
public class RefreshTokens {

    /** A new token in the clear (shown once to the client) and its stored row. */
    public record Issued(String token, RefreshToken row) {}

    /** What presenting a refresh token led to. */
    public sealed interface Rotation {
        /**
         * The token was spent and a child issued; {@code user} is its account (null: deleted
         * meanwhile); {@code retry}: the token had just been spent, and this was a retry within the grace.
         */
        record Rotated(Issued next, UserAccount user, boolean retry) implements Rotation {
            /** The account the new tokens are for; 401 when it was deleted after the token was issued. */
            public UserAccount account() {
                if (user == null) {
                    throw UserService.accountGone();
                }
                return user;
            }
        }

        /** A spent token came back: its family is now revoked. */
        record Reused(UUID familyId, UUID userId, String clientId) implements Rotation {}

        /** Unknown, expired, revoked, or another client's token. */
        record Refused() implements Rotation {}
    }

    /** Column sizes of {@code refresh_token.user_agent} and {@code .ip}. */
    static final int MAX_USER_AGENT = 256;

    static final int MAX_IP = 64;

    private final RefreshTokenRepository tokens;
    private final Pool pool;
    private final RefreshRotation rotation;
    private final TokenDenylist denylist;
    private final AuditContext origin;
    private final Duration idleTtl;
    private final Duration maxTtl;
    private final Duration retryGrace;

    public RefreshTokens(
            RefreshTokenRepository tokens,
            Pool pool,
            RefreshRotation rotation,
            TokenDenylist denylist,
            AuditContext origin,
            GatehouseConfig config) {
        this.tokens = tokens;
        this.pool = pool;
        this.rotation = rotation;
        this.denylist = denylist;
        this.origin = origin;
        this.idleTtl = config.token().refreshIdleTtl();
        this.maxTtl = config.token().refreshMaxTtl();
        this.retryGrace = config.token().refreshRetryGrace();
    }

    /** Starts a family: the first refresh token of a login. */
    public Uni<Issued> startFamily(UUID userId, String clientId, String scope) {
        return startFamily(userId, clientId, scope, null);
    }

    /**
     * Starts a family whose tokens live at most {@code familyMaxTtl} (null: the configured maximum).
     * The family remembers the client IP and User-Agent of the request that started it: the
     * session list shows them.
     */
    public Uni<Issued> startFamily(UUID userId, String clientId, String scope, Duration familyMaxTtl) {
        return startFamily(userId, clientId, scope, familyMaxTtl, null, null);
    }

    /**
     * As above; the session began at {@code startedFrom} (the browser of a code flow), or null: this
     * request. The family is bound to the DPoP key {@code jkt} (RFC 9449 §5), or to none when null.
     */
    @WithTransaction
    public Uni<Issued> startFamily(
            UUID userId, String clientId, String scope, Duration familyMaxTtl, AuditOrigin startedFrom, String jkt) {
        Instant now = Instant.now();
        Duration lifetime = familyMaxTtl == null ? maxTtl : familyMaxTtl;
        AuditOrigin from = startedFrom != null ? startedFrom : origin.current();
        return persist(UUID.randomUUID(), userId, clientId, scope, now, now.plus(lifetime), from, jkt);
    }

    /**
     * Spends the presented token and issues its child, reading the account on the way (one
     * statement, one round trip: {@link RefreshRotation}). When nothing was spent, it may be a
     * client retrying the token it just spent because the answer was lost: within the grace, and
     * while the successor was never used, the retry gets a new child and the successor is spent.
     * Otherwise finds out why, and revokes the family of a spent token presented again.
     */
    public Uni<Rotation> rotate(String presented, String clientId) {
        return rotate(presented, clientId, null);
    }

    /**
     * As {@link #rotate(String, String)}, with a proof of the DPoP key {@code jkt} (null: none): a
     * token bound to another key, or presented without a proof, is refused and stays unspent (RFC 9449 §5).
     */
    public Uni<Rotation> rotate(String presented, String clientId, String jkt) {
        byte[] hash = hash(presented);
        Instant now = Instant.now();
        String child = OpaqueTokens.newToken();
        UUID childId = UUID.randomUUID();
        byte[] childHash = hash(child);
        Instant childIdle = now.plus(idleTtl);
        return rotation.rotate(hash, clientId, jkt, now, childId, childHash, childIdle)
                .chain(spent -> {
                    if (spent != null) {
                        return Uni.createFrom().item(rotated(child, spent, false));
                    }
                    return retryWithinGrace(hash, clientId, jkt, now, childId, childHash, childIdle)
                            .chain(retried -> retried != null
                                    ? Uni.createFrom().item(rotated(child, retried, true))
                                    : refuse(hash, clientId, now)
                                            .call(refused -> refused instanceof Rotation.Reused reused
                                                    ? denylist.denySession(
                                                            reused.familyId().toString())
                                                    : Uni.createFrom().voidItem()));
                });
    }

    private Uni<RefreshRotation.Child> retryWithinGrace(
            byte[] hash, String clientId, String jkt, Instant now, UUID childId, byte[] childHash, Instant childIdle) {
        if (retryGrace.isZero() || retryGrace.isNegative()) {
            return Uni.createFrom().nullItem();
        }
        return rotation.retry(hash, clientId, jkt, now, childId, childHash, childIdle, now.minus(retryGrace));
    }

    private static Rotation rotated(String child, RefreshRotation.Child spent, boolean retry) {
        return new Rotation.Rotated(new Issued(child, spent.token()), spent.user(), retry);
    }

    private Uni<Rotation> refuse(byte[] hash, String clientId, Instant now) {
        return tokens.findByHash(pool, hash).chain(token -> {
            // RFC 9700 §4.14.2: a spent token presented again means it leaked; end the family
            if (token != null
                    && token.clientId.equals(clientId)
                    && token.consumedAt != null
                    && token.revokedAt == null) {
                Log.warnf("Refresh token reuse in family %s of user %s: family revoked", token.familyId, token.userId);
                return tokens.revokeFamily(token.familyId, now)
                        .replaceWith(new Rotation.Reused(token.familyId, token.userId, token.clientId));
            }
            return Uni.createFrom().item(new Rotation.Refused());
        });
    }

    /** The stored row of this client's token, or null when it is unknown or another client's. */
    public Uni<RefreshToken> describe(String presented, String clientId) {
        return tokens.findByHash(pool, hash(presented))
                .map(token -> token == null || !token.clientId.equals(clientId) ? null : token);
    }

    /** The scope granted with this client's token, or "" when the token is unknown or another client's. */
    public Uni<String> scopeOf(String presented, String clientId) {
        return describe(presented, clientId).map(token -> token == null ? "" : token.scope);
    }

    private Uni<Issued> persist(
            UUID familyId,
            UUID userId,
            String clientId,
            String scope,
            Instant now,
            Instant absoluteExpiry,
            AuditOrigin from,
            String jkt) {
        String token = OpaqueTokens.newToken();
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.tokenHash = hash(token);
        row.familyId = familyId;
        row.generation = 0;
        row.dpopJkt = jkt;
        row.userId = userId;
        row.clientId = clientId;
        row.scope = scope;
        row.createdAt = now;
        row.absoluteExpiresAt = absoluteExpiry;
        Instant idle = now.plus(idleTtl);
        row.idleExpiresAt = idle.isBefore(absoluteExpiry) ? idle : absoluteExpiry;
        row.userAgent = cut(from.userAgent(), MAX_USER_AGENT);
        row.ip = cut(from.ip(), MAX_IP);
        return tokens.persist(row).replaceWith(new Issued(token, row));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** SHA-256 of the token: a stolen table reveals no token. */
    static byte[] hash(String token) {
        return OpaqueTokens.sha256(token);
    }
}
