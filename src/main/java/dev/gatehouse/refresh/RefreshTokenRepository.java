package dev.gatehouse.refresh;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Uni<RefreshToken> findByHash(byte[] hash) {
        return find("tokenHash", hash).firstResult();
    }

    /**
     * Spends the token and inserts its child in one statement, so a rotation costs one round trip
     * and needs no explicit transaction: the child is the new row, or null when nothing was spent
     * (unknown, spent, revoked, expired or another client's token). Concurrent rotations of one
     * token serialize on its row lock; the losers find it spent.
     */
    public Uni<RefreshToken> rotate(byte[] hash, String clientId, Instant now, UUID childId, byte[] childHash,
                                    Instant childIdleExpiry) {
        return getSession().chain(session -> session.createNativeQuery(ROTATE, RefreshToken.class)
                .setParameter("hash", hash)
                .setParameter("client", clientId)
                .setParameter("now", now)
                .setParameter("id", childId)
                .setParameter("childHash", childHash)
                .setParameter("idle", childIdleExpiry)
                .getSingleResultOrNull());
    }

    private static final String ROTATE = """
            WITH spent AS (
              UPDATE refresh_token SET consumed_at = :now
              WHERE token_hash = :hash AND client_id = :client AND consumed_at IS NULL AND revoked_at IS NULL
                AND idle_expires_at > :now AND absolute_expires_at > :now
              RETURNING family_id, generation, token_hash, user_id, client_id, scope, absolute_expires_at)
            INSERT INTO refresh_token (id, token_hash, family_id, generation, parent_hash, user_id, client_id, scope,
                                       created_at, idle_expires_at, absolute_expires_at)
            SELECT :id, :childHash, family_id, generation + 1, token_hash, user_id, client_id, scope, :now,
                   LEAST(CAST(:idle AS timestamptz), absolute_expires_at), absolute_expires_at
            FROM spent
            RETURNING *""";

    public Uni<Integer> revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    public Uni<Integer> revokeFamilyOfUser(UUID userId, UUID familyId, Instant now) {
        return update("revokedAt = ?1 where familyId = ?2 and userId = ?3 and revokedAt is null", now, familyId, userId);
    }

    /** Revokes every live token of the user, sparing the family {@code spare} (null spares none). */
    public Uni<Integer> revokeUser(UUID userId, UUID spare, Instant now) {
        if (spare == null) {
            return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId);
        }
        return update("revokedAt = ?1 where userId = ?2 and familyId <> ?3 and revokedAt is null", now, userId, spare);
    }
}
