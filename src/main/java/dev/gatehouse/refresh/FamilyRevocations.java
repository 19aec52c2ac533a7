package dev.gatehouse.refresh;

import dev.gatehouse.denylist.TokenDenylist;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Ends refresh-token families on purpose (logout, RFC 7009 revocation, a session ended from the
 * account, a password change, a deleted client), and with them their access tokens: the family id
 * is their {@code sid}, which goes on the denylist in the same unit of work (RFC 7009 §2.1). A
 * family revoked for reuse is {@link RefreshTokens}' own.
 */
@ApplicationScoped
public class FamilyRevocations {

    private final RefreshTokenRepository tokens;
    private final Pool pool;
    private final TokenDenylist denylist;

    public FamilyRevocations(RefreshTokenRepository tokens, Pool pool, TokenDenylist denylist) {
        this.tokens = tokens;
        this.pool = pool;
        this.denylist = denylist;
    }

    /**
     * Revokes the family of the presented token and its access tokens, if it is this client's;
     * answers the token's row (its family and user), or null. One transaction: when the denylist
     * cannot be written, nothing is revoked and the caller gets the fault.
     */
    public Uni<RefreshToken> revokeFamilyOf(String presented, String clientId) {
        byte[] hash = RefreshTokens.hash(presented);
        return pool.withTransaction(conn -> tokens.revokeFamilyOf(conn, hash, clientId, Instant.now())
                .call(token ->
                        token == null ? Uni.createFrom().voidItem() : denylist.denySession(token.familyId.toString())));
    }

    /** Revokes every refresh token a client holds (the client was deleted). */
    @WithTransaction
    public Uni<Integer> revokeClientTokens(String clientId) {
        return tokens.revokeClient(clientId, Instant.now());
    }

    /** Revokes one family of the user (a session id from an access token) and its access tokens, in one transaction. */
    public Uni<Integer> revokeUserFamily(UUID userId, UUID familyId) {
        return pool.withTransaction(conn -> tokens.revokeFamilyOfUser(conn, userId, familyId, Instant.now())
                .call(() -> denylist.denySession(familyId.toString())));
    }

    /** Revokes every family of the user but {@code spareFamily} (a session id, or null). */
    public Uni<Integer> revokeUserFamilies(UUID userId, String spareFamily) {
        return revokeUserFamilies(pool, userId, spareFamily);
    }

    /** As above, on {@code client}: the pool, or the connection of the caller's transaction. */
    public Uni<Integer> revokeUserFamilies(SqlClient client, UUID userId, String spareFamily) {
        UUID spare = spareFamily == null ? null : UUID.fromString(spareFamily);
        return tokens.revokeUser(client, userId, spare, Instant.now());
    }
}
