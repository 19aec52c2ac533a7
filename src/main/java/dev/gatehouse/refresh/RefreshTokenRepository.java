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

    public Uni<Integer> revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    public Uni<Integer> revokeFamilyOfUser(UUID userId, UUID familyId, Instant now) {
        return update(
                "revokedAt = ?1 where familyId = ?2 and userId = ?3 and revokedAt is null", now, familyId, userId);
    }

    /** Revokes every live token of the user, sparing the family {@code spare} (null spares none). */
    public Uni<Integer> revokeUser(UUID userId, UUID spare, Instant now) {
        if (spare == null) {
            return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId);
        }
        return update("revokedAt = ?1 where userId = ?2 and familyId <> ?3 and revokedAt is null", now, userId, spare);
    }
}
