package dev.gatehouse.keys;

import static dev.gatehouse.sql.Columns.bytes;
import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every query of {@code signing_key}. Reads on the plain reactive SQL client, writes with Hibernate
 * Reactive Panache: every start reads the keys before it can sign, and a query through Hibernate
 * there would make the start parse its first HQL (about 800 classes of parser and query model
 * loaded on the way to the first token; bench/README.md), while writes are rare (creation,
 * rotation) and run in {@link SigningKeys}' transactions. The keys read are detached copies.
 */
@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    private static final String COLUMNS = "kid, alg, status, public_key, private_key, master_key_id, "
            + "created_at, activated_at, retired_at, verify_until";
    /** The keys the JWKS and the ring need: active, next, and retired ones that still verify. */
    private static final String CURRENT = "SELECT " + COLUMNS + " FROM signing_key " + "WHERE status IN ('"
            + SigningKey.ACTIVE + "', '" + SigningKey.NEXT + "') OR verify_until > $1";

    private static final String BY_STATUS = "SELECT " + COLUMNS + " FROM signing_key WHERE status = $1";

    private final Pool pool;

    public SigningKeyRepository(Pool pool) {
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
        return pool.preparedQuery(BY_STATUS)
                .execute(Tuple.of(status))
                .map(rows -> rows.iterator().hasNext() ? fromRow(rows.iterator().next()) : null);
    }

    /** Drops the next key {@code kid} (one this replica cannot sign with). */
    Uni<Long> deleteNext(String kid) {
        return delete("kid = ?1 and status = ?2", kid, SigningKey.NEXT);
    }

    /** Retires the active key: it verifies until {@code verifyUntil}, and its private key is erased. */
    Uni<Integer> retireActive(Instant now, Instant verifyUntil) {
        return update(
                "status = ?1, retiredAt = ?2, verifyUntil = ?3, privateKey = ?4 where status = ?5",
                SigningKey.RETIRED,
                now,
                verifyUntil,
                new byte[0],
                SigningKey.ACTIVE);
    }

    /** Makes the next key {@code kid} the active one; 0 when it is no longer the next key. */
    Uni<Integer> activateNext(String kid, Instant now) {
        return update(
                "status = ?1, activatedAt = ?2 where kid = ?3 and status = ?4",
                SigningKey.ACTIVE,
                now,
                kid,
                SigningKey.NEXT);
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
