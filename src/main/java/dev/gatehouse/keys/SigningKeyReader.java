package dev.gatehouse.keys;

import static dev.gatehouse.sql.Columns.bytes;
import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads signing keys with the plain reactive SQL client. Every start reads them before it can
 * sign, and a query through Hibernate there would make the start parse its first HQL (about 800
 * classes of parser and query model loaded on the way to the first token; bench/README.md). The
 * keys returned are detached copies; changes go through {@link SigningKeys}.
 */
@ApplicationScoped
public class SigningKeyReader {

    private static final String COLUMNS = "kid, alg, status, public_key, private_key, master_key_id, "
            + "created_at, activated_at, retired_at, verify_until";
    /** The keys the JWKS and the ring need: active, next, and retired ones that still verify. */
    private static final String CURRENT = "SELECT " + COLUMNS + " FROM signing_key "
            + "WHERE status IN ('" + SigningKey.ACTIVE + "', '" + SigningKey.NEXT + "') OR verify_until > $1";
    private static final String BY_STATUS = "SELECT " + COLUMNS + " FROM signing_key WHERE status = $1";

    private final Pool pool;

    public SigningKeyReader(Pool pool) {
        this.pool = pool;
    }

    /** The active and next keys, and the retired keys that verify beyond {@code now}. */
    public Uni<List<SigningKey>> current(Instant now) {
        return pool.preparedQuery(CURRENT).execute(Tuple.of(utc(now))).map(rows -> {
            List<SigningKey> keys = new ArrayList<>(rows.size());
            rows.forEach(row -> keys.add(fromRow(row)));
            return keys;
        });
    }

    /** The key with this status ({@code active} or {@code next}: at most one of each), or null. */
    public Uni<SigningKey> withStatus(String status) {
        return pool.preparedQuery(BY_STATUS).execute(Tuple.of(status))
                .map(rows -> rows.iterator().hasNext() ? fromRow(rows.iterator().next()) : null);
    }

    private static SigningKey fromRow(Row row) {
        SigningKey key = new SigningKey();
        key.kid = row.getString("kid");
        key.alg = row.getString("alg");
        key.status = row.getString("status");
        key.publicKey = bytes(row, "public_key");
        key.privateKey = bytes(row, "private_key");
        key.masterKeyId = row.getString("master_key_id");
        key.createdAt = instant(row, "created_at");
        key.activatedAt = instant(row, "activated_at");
        key.retiredAt = instant(row, "retired_at");
        key.verifyUntil = instant(row, "verify_until");
        return key;
    }

}
