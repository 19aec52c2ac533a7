package dev.gatehouse.sql;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.function.Function;

/** Results of the plain reactive SQL client's statements. */
public final class Rows {

    private Rows() {}

    /** The first row mapped by {@code mapping}, or null when the statement gave none. */
    public static <T> T first(RowSet<Row> rows, Function<Row, T> mapping) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? mapping.apply(it.next()) : null;
    }
}
