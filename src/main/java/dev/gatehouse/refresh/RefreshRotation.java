package dev.gatehouse.refresh;

import static dev.gatehouse.sql.Columns.utc;

import dev.gatehouse.sql.Rows;
import dev.gatehouse.user.UserAccount;
import dev.gatehouse.user.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The rotation of a refresh token as one SQL statement: it spends the presented token, inserts
 * its child and reads the account the new access token is for (the join, its columns and their
 * mapping are {@link UserRepository}'s). Concurrent rotations of one token serialize on its row
 * lock; the losers find it spent. On the plain reactive SQL client because every refresh runs it:
 * one round trip, no Hibernate session.
 */
@ApplicationScoped
public class RefreshRotation {

    /** The new token's row and its account (null if the account was deleted meanwhile). */
    public record Child(RefreshToken token, UserAccount user) {}

    /** The end of both statements: the child row, then its account's columns prefixed {@code u_}. */
    private static final String CHILD_AND_ACCOUNT = "SELECT c.*, " + UserRepository.columns("u", "u_")
            + "\nFROM child c " + UserRepository.leftJoinAccount("u", "c.user_id");

    /**
     * The rest of both statements from the child on: the next generation of the token {@code parent}
     * selects (same family, user, client, scope, absolute expiry and DPoP key), then its account.
     */
    private static String childOf(String parent) {
        return """
                child AS (
                  INSERT INTO refresh_token (id, token_hash, family_id, generation, parent_hash, user_id, client_id,
                                             scope, created_at, idle_expires_at, absolute_expires_at, dpop_jkt)
                  SELECT $4, $5, family_id, generation + 1, token_hash, user_id, client_id, scope, $3,
                         LEAST($6::timestamptz, absolute_expires_at), absolute_expires_at, dpop_jkt
                  FROM %s
                  RETURNING *)
                """.formatted(parent) + CHILD_AND_ACCOUNT;
    }

    private static final String ROTATE = """
            WITH spent AS (
              UPDATE refresh_token SET consumed_at = $3
              WHERE token_hash = $1 AND client_id = $2 AND consumed_at IS NULL AND revoked_at IS NULL
                AND idle_expires_at > $3 AND absolute_expires_at > $3 AND (dpop_jkt IS NULL OR dpop_jkt = $7)
              RETURNING family_id, generation, token_hash, user_id, client_id, scope, absolute_expires_at, dpop_jkt),
            """ + childOf("spent");

    /**
     * A retry of the token just spent ($1), within the grace (spent after $8), while its successor
     * was never used: the successor is spent (so a later use of it is reuse) and a new child of the
     * retried token is issued. One statement: of a retry and the successor's own rotation, exactly
     * one spends the successor (its row lock decides), so one chain stays alive.
     */
    private static final String RETRY = """
            WITH retried AS (
              SELECT family_id, generation, token_hash, user_id, client_id, scope, absolute_expires_at, dpop_jkt
              FROM refresh_token
              WHERE token_hash = $1 AND client_id = $2 AND consumed_at IS NOT NULL AND consumed_at > $8
                AND revoked_at IS NULL AND absolute_expires_at > $3 AND (dpop_jkt IS NULL OR dpop_jkt = $7)),
            successor AS (
              UPDATE refresh_token SET consumed_at = $3
              WHERE parent_hash = $1 AND consumed_at IS NULL AND revoked_at IS NULL
                AND EXISTS (SELECT 1 FROM retried)
              RETURNING id),
            """ + childOf("retried WHERE EXISTS (SELECT 1 FROM successor)");

    private final Pool pool;

    public RefreshRotation(Pool pool) {
        this.pool = pool;
    }

    /**
     * Spends the token and issues its child (bound to the same DPoP key): the child, or null when
     * nothing was spent (unknown, spent, revoked, expired or another client's token, or one bound to
     * a key other than {@code jkt}). Needs no transaction: one statement is atomic.
     */
    public Uni<Child> rotate(
            byte[] hash,
            String clientId,
            String jkt,
            Instant now,
            UUID childId,
            byte[] childHash,
            Instant childIdleExpiry) {
        return pool.preparedQuery(ROTATE)
                .execute(params(hash, clientId, jkt, now, childId, childHash, childIdleExpiry))
                .map(RefreshRotation::child);
    }

    /**
     * A retry, within the grace that began at {@code graceStart}, of a token spent since then whose
     * successor was never used: the new child, or null when this is no such retry.
     */
    public Uni<Child> retry(
            byte[] hash,
            String clientId,
            String jkt,
            Instant now,
            UUID childId,
            byte[] childHash,
            Instant childIdleExpiry,
            Instant graceStart) {
        Tuple params = params(hash, clientId, jkt, now, childId, childHash, childIdleExpiry)
                .addOffsetDateTime(utc(graceStart));
        return pool.preparedQuery(RETRY).execute(params).map(RefreshRotation::child);
    }

    private static Tuple params(
            byte[] hash,
            String clientId,
            String jkt,
            Instant now,
            UUID childId,
            byte[] childHash,
            Instant childIdleExpiry) {
        return Tuple.tuple()
                .addBuffer(Buffer.buffer(hash))
                .addString(clientId)
                .addOffsetDateTime(utc(now))
                .addUUID(childId)
                .addBuffer(Buffer.buffer(childHash))
                .addOffsetDateTime(utc(childIdleExpiry))
                .addString(jkt);
    }

    private static Child child(RowSet<Row> rows) {
        return Rows.first(
                rows, row -> new Child(RefreshTokenRepository.fromRow(row), UserRepository.fromRow(row, "u_")));
    }
}
