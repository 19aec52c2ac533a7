package dev.gatehouse.user;

import static dev.gatehouse.sql.Columns.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Reads accounts with the plain reactive SQL client. The paths that only read one account (every
 * {@code GET /api/users/me}, every refresh, introspection) need one row, not a Hibernate session:
 * skipping the session, the query interpretation and the entity hydration is most of their cost
 * after the signature (profiles in bench/README.md). The accounts returned are detached copies;
 * changes go through {@link UserService}.
 */
@ApplicationScoped
public class AccountReader {

    /** The account columns, each aliased with {@code prefix}, for statements that join the account. */
    public static String columns(String table, String prefix) {
        return String.join(", ",
                table + ".id AS " + prefix + "id", table + ".email AS " + prefix + "email",
                table + ".email_normalized AS " + prefix + "email_normalized", table + ".name AS " + prefix + "name",
                table + ".password_hash AS " + prefix + "password_hash", table + ".roles AS " + prefix + "roles",
                table + ".created_at AS " + prefix + "created_at", table + ".updated_at AS " + prefix + "updated_at");
    }

    private static final String BY_ID = "SELECT " + columns("u", "") + " FROM user_account u WHERE u.id = $1";

    private static final String EMAIL_TAKEN = "SELECT 1 FROM user_account WHERE email_normalized = $1";

    private final Pool pool;

    public AccountReader(Pool pool) {
        this.pool = pool;
    }

    /** The account with this id, or null. One round trip, no session. */
    public Uni<UserAccount> find(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? fromRow(it.next(), "") : null;
        });
    }

    /** Whether an account has this normalized email ({@link Emails#normalize}). */
    public Uni<Boolean> existsWithEmail(String normalizedEmail) {
        return pool.preparedQuery(EMAIL_TAKEN).execute(Tuple.of(normalizedEmail)).map(rows -> rows.size() > 0);
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
