package dev.gatehouse.refresh;

import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The queries of {@code refresh_token} but the rotation's ({@link RefreshRotation}) and the
 * pruning's ({@link RefreshPruning}). Issuing and revoking families use Hibernate Reactive Panache
 * in {@link RefreshTokens}' transactions; the session list's reads of live families are SQL on the
 * plain reactive client (an aggregate over a user's rows, no entity to hydrate); the clients file's
 * revocation is SQL on the connection of its own transaction. A family is live while one of its
 * tokens is unspent, unrevoked and unexpired. Every statement of a user's families names the user:
 * a family id alone never reaches another user's session.
 */
@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    /** A user with more live sessions than this sees the most recently used ones. */
    private static final int MAX_LIVE_FAMILIES = 500;

    private static final String LIVE = """
            consumed_at IS NULL AND revoked_at IS NULL AND idle_expires_at > $2 AND absolute_expires_at > $2""";

    private static final String LIVE_FAMILIES = """
            SELECT family_id, min(client_id) AS client_id, min(created_at) AS created_at,
                   max(created_at) AS last_used_at, max(user_agent) AS user_agent, max(ip) AS ip
            FROM refresh_token
            WHERE user_id = $1
            GROUP BY family_id
            HAVING bool_or(%s)
            ORDER BY last_used_at DESC, family_id
            LIMIT %d""".formatted(LIVE, MAX_LIVE_FAMILIES);

    private static final String CLIENT_OF_LIVE_FAMILY = """
            SELECT client_id FROM refresh_token WHERE user_id = $1 AND family_id = $3 AND %s LIMIT 1""".formatted(LIVE);

    private static final String REVOKE_CLIENT =
            "UPDATE refresh_token SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL";

    private final Pool pool;

    public RefreshTokenRepository(Pool pool) {
        this.pool = pool;
    }

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

    /**
     * The user's families live at {@code now}, most recently used first, at most
     * {@link #MAX_LIVE_FAMILIES}. No session.
     */
    public Uni<List<LiveFamily>> liveFamilies(UUID userId, Instant now) {
        return pool.preparedQuery(LIVE_FAMILIES)
                .execute(Tuple.of(userId, utc(now)))
                .map(rows -> {
                    List<LiveFamily> families = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        families.add(new LiveFamily(
                                row.getUUID("family_id"),
                                row.getString("client_id"),
                                instant(row, "created_at"),
                                instant(row, "last_used_at"),
                                row.getString("user_agent"),
                                row.getString("ip")));
                    }
                    return families;
                });
    }

    /** The client of the user's family {@code familyId}, or null when it is not a family of this user live at {@code now}. No session. */
    public Uni<String> clientOfLiveFamily(UUID userId, UUID familyId, Instant now) {
        return pool.preparedQuery(CLIENT_OF_LIVE_FAMILY)
                .execute(Tuple.of(userId, utc(now), familyId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? it.next().getString("client_id") : null;
                });
    }

    /** Revokes every live token of the client (it was deleted), in the caller's Hibernate Reactive transaction. */
    public Uni<Integer> revokeClient(String clientId, Instant now) {
        return update("revokedAt = ?1 where clientId = ?2 and revokedAt is null", now, clientId);
    }

    /** Revokes every live token of the client, on the connection of the caller's transaction. */
    public Uni<Void> revokeClient(SqlConnection conn, String clientId, Instant now) {
        return conn.preparedQuery(REVOKE_CLIENT)
                .execute(Tuple.of(clientId, utc(now)))
                .replaceWithVoid();
    }
}
