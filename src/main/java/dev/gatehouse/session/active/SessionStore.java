package dev.gatehouse.session.active;

import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a user's live refresh families from {@code refresh_token} with the plain reactive SQL
 * client. A family is live while one of its tokens is unspent, unrevoked and unexpired; its first
 * token (generation 0) carries where it began, its newest token when it was last refreshed.
 * Every statement names the user: a family id alone never reaches another user's session.
 */
@ApplicationScoped
class SessionStore {

    /** A user with more live sessions than this sees the most recently used ones. */
    static final int MAX_SESSIONS = 500;

    private static final String LIVE = """
            consumed_at IS NULL AND revoked_at IS NULL AND idle_expires_at > $2 AND absolute_expires_at > $2""";

    private static final String LIST = """
            SELECT family_id, min(client_id) AS client_id, min(created_at) AS created_at,
                   max(created_at) AS last_used_at, max(user_agent) AS user_agent, max(ip) AS ip
            FROM refresh_token
            WHERE user_id = $1
            GROUP BY family_id
            HAVING bool_or(%s)
            ORDER BY last_used_at DESC, family_id
            LIMIT %d""".formatted(LIVE, MAX_SESSIONS);

    private static final String CLIENT_OF_LIVE = """
            SELECT client_id FROM refresh_token WHERE user_id = $1 AND family_id = $3 AND %s LIMIT 1""".formatted(LIVE);

    /** A live family of the user, as stored. */
    record Family(UUID id, String clientId, Instant createdAt, Instant lastUsedAt, String userAgent, String ip) {}

    private final Pool pool;

    SessionStore(Pool pool) {
        this.pool = pool;
    }

    Uni<List<Family>> live(UUID userId) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(userId, utc(Instant.now())))
                .map(rows -> {
                    List<Family> families = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        families.add(new Family(
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

    /** The client of the user's live family {@code familyId}, or null when it is not a live family of this user. */
    Uni<String> clientOfLive(UUID userId, UUID familyId) {
        return pool.preparedQuery(CLIENT_OF_LIVE)
                .execute(Tuple.of(userId, utc(Instant.now()), familyId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? it.next().getString("client_id") : null;
                });
    }
}
