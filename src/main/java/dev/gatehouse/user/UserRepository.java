package dev.gatehouse.user;

import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import dev.gatehouse.sql.Rows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Every query of {@code user_account} and its row mapping. The reads of one account on hot paths
 * (every login, every {@code GET /api/users/me}, every refresh, introspection) and the start-up checks are on
 * the plain reactive SQL client: skipping the session, the query interpretation and the entity
 * hydration is most of their cost after the signature (profiles in bench/README.md). A new
 * password hash is written in SQL too (a login's upgrade, a password change's transaction); the
 * other writes use Hibernate Reactive Panache, in {@link UserService}'s transactions.
 */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserAccount, UUID> {

    /** The account columns, each aliased with {@code prefix}, for statements that join the account. */
    public static String columns(String table, String prefix) {
        return String.join(
                ", ",
                table + ".id AS " + prefix + "id",
                table + ".email AS " + prefix + "email",
                table + ".email_normalized AS " + prefix + "email_normalized",
                table + ".name AS " + prefix + "name",
                table + ".password_hash AS " + prefix + "password_hash",
                table + ".roles AS " + prefix + "roles",
                table + ".created_at AS " + prefix + "created_at",
                table + ".updated_at AS " + prefix + "updated_at");
    }

    /**
     * {@code LEFT JOIN} of the account whose id is in {@code userIdColumn}, as {@code alias}, for
     * statements of other tables that read the account in the same round trip; with
     * {@link #columns} and {@link #fromRow} (no account: null).
     */
    public static String leftJoinAccount(String alias, String userIdColumn) {
        return "LEFT JOIN user_account " + alias + " ON " + alias + ".id = " + userIdColumn;
    }

    private static final String BY_ID = "SELECT " + columns("u", "") + " FROM user_account u WHERE u.id = $1";
    private static final String BY_EMAIL =
            "SELECT " + columns("u", "") + " FROM user_account u WHERE u.email_normalized = $1";
    private static final String UPDATE_PASSWORD_HASH =
            "UPDATE user_account SET password_hash = $2, updated_at = $3 WHERE id = $1";
    private static final String EMAIL_TAKEN = "SELECT 1 FROM user_account WHERE email_normalized = $1";
    private static final String ID_TAKEN = "SELECT 1 FROM user_account WHERE id = $1";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The account whose normalized email matches, a detached copy, or null. One round trip, no
     * session: every login reads it, and as the first HQL statement of a process it made the
     * first login load Hibernate's query parser on an event loop (bench/README.md).
     */
    public Uni<UserAccount> readByEmail(String email) {
        return pool.preparedQuery(BY_EMAIL)
                .execute(Tuple.of(Emails.normalize(email)))
                .map(UserRepository::first);
    }

    /** Stores a new password hash, in a statement of its own. */
    Uni<Integer> updatePasswordHash(UUID userId, String hash) {
        return updatePasswordHash(pool, userId, hash);
    }

    /** Stores a new password hash, on {@code client} (the pool, or the connection of the caller's transaction). */
    Uni<Integer> updatePasswordHash(SqlClient client, UUID userId, String hash) {
        return client.preparedQuery(UPDATE_PASSWORD_HASH)
                .execute(Tuple.of(userId, hash, utc(Instant.now())))
                .map(RowSet::rowCount);
    }

    /** The account with this id, a detached copy, or null. One round trip, no session. */
    public Uni<UserAccount> read(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(UserRepository::first);
    }

    private static UserAccount first(RowSet<Row> rows) {
        return Rows.first(rows, row -> fromRow(row, ""));
    }

    /** Whether an account has this normalized email ({@link Emails#normalize}). No session. */
    public Uni<Boolean> existsWithEmail(String normalizedEmail) {
        return pool.preparedQuery(EMAIL_TAKEN)
                .execute(Tuple.of(normalizedEmail))
                .map(rows -> rows.size() > 0);
    }

    /** Whether an account has this id. No session. */
    public Uni<Boolean> existsWithId(UUID id) {
        return pool.preparedQuery(ID_TAKEN).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
    }

    /** The account in the columns {@link #columns} named with {@code prefix}, or null when they are null (no account). */
    public static UserAccount fromRow(Row row, String prefix) {
        UUID id = row.getUUID(prefix + "id");
        if (id == null) {
            return null;
        }
        UserAccount user = new UserAccount();
        user.id = id;
        user.email = row.getString(prefix + "email");
        user.emailNormalized = row.getString(prefix + "email_normalized");
        user.name = row.getString(prefix + "name");
        user.passwordHash = row.getString(prefix + "password_hash");
        user.roles = row.getString(prefix + "roles");
        user.createdAt = instant(row, prefix + "created_at");
        user.updatedAt = instant(row, prefix + "updated_at");
        return user;
    }
}
