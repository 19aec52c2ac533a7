package dev.gatehouse.keys;

import static dev.gatehouse.sql.Columns.bytes;
import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import io.quarkus.hibernate.reactive.panache.Panache;
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
 * Reactive Panache in {@link SigningKeys}' transactions (creation, rotation: rare), none in HQL:
 * every start reads the keys before it can sign, and a first start creates them, and HQL there
 * would make the start parse its first HQL (about 800 classes of parser and query model loaded,
 * on an event loop; bench/README.md). The keys read are detached copies.
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
    Uni<Integer> deleteNext(String kid) {
        return write("DELETE FROM signing_key WHERE kid = ?1 AND status = ?2", kid, SigningKey.NEXT);
    }

    /** Retires the active key: it verifies until {@code verifyUntil}, and its private key is erased. */
    Uni<Integer> retireActive(Instant now, Instant verifyUntil) {
        return write(
                "UPDATE signing_key SET status = ?1, retired_at = ?2, verify_until = ?3, private_key = ?4"
                        + " WHERE status = ?5",
                SigningKey.RETIRED,
                now,
                verifyUntil,
                new byte[0],
                SigningKey.ACTIVE);
    }

    /** Makes the next key {@code kid} the active one; 0 when it is no longer the next key. */
    Uni<Integer> activateNext(String kid, Instant now) {
        return write(
                "UPDATE signing_key SET status = ?1, activated_at = ?2 WHERE kid = ?3 AND status = ?4",
                SigningKey.ACTIVE,
                now,
                kid,
                SigningKey.NEXT);
    }

    /**
     * A write in the current Panache transaction, in SQL rather than HQL: the first HQL statement
     * of a process loads Hibernate's query parser (about 800 classes), which on a start that makes
     * the first keys blocked its event loop for over 0.5 s (StartWarningsIT saw the warning).
     */
    private static Uni<Integer> write(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        });
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
