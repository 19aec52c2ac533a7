package dev.gatehouse.refresh;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Which refresh families a browser session of the authorization endpoint started (the session's
 * public id, the ID token's {@code sid}), kept in PostgreSQL on the family's first token: an
 * RP-initiated logout revokes them (RP-Initiated Logout 1.0 §2) whatever Redis lost meanwhile.
 * Every statement names the user: a session id alone never reaches another user's families.
 */
@ApplicationScoped
public class BrowserSessionFamilies {

    private static final String TIE = """
            UPDATE refresh_token SET browser_sid = $3
            WHERE family_id = $1 AND user_id = $2 AND generation = 0""";

    private static final String OF_SESSIONS = """
            SELECT family_id FROM refresh_token
            WHERE user_id = $1 AND browser_sid = ANY($2) AND generation = 0 AND revoked_at IS NULL""";

    private final Pool pool;

    public BrowserSessionFamilies(Pool pool) {
        this.pool = pool;
    }

    /** Records that the user's family began in the browser session {@code sid}. */
    public Uni<Void> tie(UUID userId, UUID familyId, String sid) {
        return pool.preparedQuery(TIE).execute(Tuple.of(familyId, userId, sid)).replaceWithVoid();
    }

    /** The user's families, not yet revoked, that the browser sessions {@code sids} started. */
    public Uni<List<UUID>> of(UUID userId, Collection<String> sids) {
        if (sids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(OF_SESSIONS)
                .execute(Tuple.of(userId, sids.toArray(String[]::new)))
                .map(rows -> {
                    List<UUID> families = new ArrayList<>();
                    for (Row row : rows) {
                        families.add(row.getUUID("family_id"));
                    }
                    return families;
                });
    }
}
