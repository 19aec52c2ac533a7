package dev.gatehouse.user;

import io.vertx.mutiny.sqlclient.Row;

/**
 * The account columns and row mapping as {@code refresh.RefreshRotation} (changed on another branch)
 * still names them; both are {@link UserRepository}'s. Remove once the rotation calls it directly.
 */
public final class AccountReader {

    private AccountReader() {}

    /** {@link UserRepository#columns}. */
    public static String columns(String table, String prefix) {
        return UserRepository.columns(table, prefix);
    }

    /** {@link UserRepository#fromRow}. */
    public static UserAccount fromRow(Row row, String prefix) {
        return UserRepository.fromRow(row, prefix);
    }
}
