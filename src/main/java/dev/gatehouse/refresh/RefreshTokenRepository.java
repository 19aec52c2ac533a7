package dev.gatehouse.refresh;

import static dev.gatehouse.sql.Columns.bytes;
import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import dev.gatehouse.sql.Rows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The queries of {@code refresh_token} but the rotation's ({@link RefreshRotation}) and the
 * pruning's ({@link RefreshPruning}). Issuing a family persists its entity with Hibernate Reactive
 * Panache, and a deleted client's tokens are revoked in the transaction of its deletion; every
 * other statement is SQL on the plain reactive client (the pool, or the connection of the
 * caller's transaction), so that no logout, revocation or refused refresh runs HQL, whose first
 * statement in a process loads Hibernate's query parser on the event loop. A family is live while one of its
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

    private static final String BY_HASH = "SELECT * FROM refresh_token WHERE token_hash = $1";

    private static final String REVOKE_FAMILY =
            "UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL";

    private static final String REVOKE_FAMILY_OF_USER =
            "UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND user_id = $3 AND revoked_at IS NULL";

    private static final String REVOKE_FAMILY_OF = """
            WITH presented AS (
              SELECT * FROM refresh_token WHERE token_hash = $1 AND client_id = $2),
            revoked AS (
              UPDATE refresh_token SET revoked_at = $3
              WHERE family_id = (SELECT family_id FROM presented) AND revoked_at IS NULL)
            SELECT * FROM presented""";

    private static final String REVOKE_USER =
            "UPDATE refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL";

    private static final String REVOKE_USER_SPARING = "UPDATE refresh_token SET revoked_at = $2"
            + " WHERE user_id = $1 AND family_id <> $3 AND revoked_at IS NULL";

    private static final String REVOKE_CLIENT =
            "UPDATE refresh_token SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL";

    private final Pool pool;

    public RefreshTokenRepository(Pool pool) {
        this.pool = pool;
    }

    /** The row of the token with this hash, or null; on {@code client} (the pool or a transaction's connection). */
    public Uni<RefreshToken> findByHash(SqlClient client, byte[] hash) {
        return client.preparedQuery(BY_HASH)
                .execute(Tuple.tuple().addBuffer(Buffer.buffer(hash)))
                .map(rows -> Rows.first(rows, RefreshTokenRepository::fromRow));
    }

    /**
     * Revokes the whole family of this client's token with this hash: the token's row as it was
     * before (its family and user), or null when it is unknown or another client's. One statement.
     */
    public Uni<RefreshToken> revokeFamilyOf(SqlClient client, byte[] hash, String clientId, Instant now) {
        return client.preparedQuery(REVOKE_FAMILY_OF)
                .execute(Tuple.tuple()
                        .addBuffer(Buffer.buffer(hash))
                        .addString(clientId)
                        .addOffsetDateTime(utc(now)))
                .map(rows -> Rows.first(rows, RefreshTokenRepository::fromRow));
    }

    public Uni<Integer> revokeFamily(UUID familyId, Instant now) {
        return count(pool.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(familyId, utc(now))));
    }

    public Uni<Integer> revokeFamilyOfUser(SqlClient client, UUID userId, UUID familyId, Instant now) {
        return count(client.preparedQuery(REVOKE_FAMILY_OF_USER).execute(Tuple.of(familyId, utc(now), userId)));
    }

    /** Revokes every live token of the user, sparing the family {@code spare} (null spares none), on {@code client}. */
    public Uni<Integer> revokeUser(SqlClient client, UUID userId, UUID spare, Instant now) {
        return spare == null
                ? count(client.preparedQuery(REVOKE_USER).execute(Tuple.of(userId, utc(now))))
                : count(client.preparedQuery(REVOKE_USER_SPARING).execute(Tuple.of(userId, utc(now), spare)));
    }

    private static Uni<Integer> count(Uni<RowSet<Row>> statement) {
        return statement.map(RowSet::rowCount);
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
                .map(rows -> Rows.first(rows, row -> row.getString("client_id")));
    }

    /** The row in {@code refresh_token}'s columns, detached. */
    static RefreshToken fromRow(Row row) {
        RefreshToken token = new RefreshToken();
        token.id = row.getUUID("id");
        token.tokenHash = bytes(row, "token_hash");
        token.familyId = row.getUUID("family_id");
        token.generation = row.getInteger("generation");
        token.parentHash = bytes(row, "parent_hash");
        token.userId = row.getUUID("user_id");
        token.clientId = row.getString("client_id");
        token.scope = row.getString("scope");
        token.createdAt = instant(row, "created_at");
        token.consumedAt = instant(row, "consumed_at");
        token.revokedAt = instant(row, "revoked_at");
        token.idleExpiresAt = instant(row, "idle_expires_at");
        token.absoluteExpiresAt = instant(row, "absolute_expires_at");
        token.userAgent = row.getString("user_agent");
        token.ip = row.getString("ip");
        token.dpopJkt = row.getString("dpop_jkt");
        return token;
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
