package dev.gatehouse.refresh;

import static dev.gatehouse.sql.Columns.utc;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes dead refresh-token families, every {@code gatehouse.token.prune-interval}: a family
 * whose tokens were all revoked, whose newest token idled out, or that passed its absolute expiry,
 * a day ago or more (CWE-770: otherwise every login left rows that nothing ever deleted). A live
 * family keeps its spent tokens: presenting one again is how reuse is detected. Authorization
 * codes and their spent marks need no job: they are Redis keys that expire by themselves.
 * Several replicas may run it at once; a DELETE is idempotent.
 */
@ApplicationScoped
public class RefreshPruning {

    /** A dead family is kept this long (the session list and investigations may still want it). */
    static final Duration KEPT_DEAD = Duration.ofDays(1);
    /** Families per statement, so one run never holds a huge delete. */
    static final int BATCH = 5_000;

    private static final String PRUNE = """
            WITH dead AS (
              SELECT family_id FROM refresh_token
              GROUP BY family_id
              HAVING max(idle_expires_at) < $1 OR max(absolute_expires_at) < $1
                  OR (bool_and(revoked_at IS NOT NULL) AND max(revoked_at) < $1)
              LIMIT $2),
            gone AS (
              DELETE FROM refresh_token t USING dead WHERE t.family_id = dead.family_id RETURNING 1)
            SELECT (SELECT count(*) FROM dead) AS families, (SELECT count(*) FROM gone) AS tokens""";

    private final Pool pool;

    public RefreshPruning(Pool pool) {
        this.pool = pool;
    }

    @Scheduled(
            every = "${gatehouse.token.prune-interval:1h}",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune(Instant.now())
                .invoke(tokens -> Log.infof("Pruned %d refresh tokens of dead families", tokens))
                .onFailure()
                .invoke(e -> Log.warnf("Pruning refresh tokens failed: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the families dead for {@link #KEPT_DEAD} at {@code now}; answers how many tokens went. */
    public Uni<Long> prune(Instant now) {
        return pruneFrom(now.minus(KEPT_DEAD), 0);
    }

    private Uni<Long> pruneFrom(Instant cutoff, long sofar) {
        return pool.preparedQuery(PRUNE)
                .execute(Tuple.tuple().addOffsetDateTime(utc(cutoff)).addInteger(BATCH))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    long total = sofar + row.getLong("tokens");
                    return row.getLong("families") < BATCH ? Uni.createFrom().item(total) : pruneFrom(cutoff, total);
                });
    }
}
