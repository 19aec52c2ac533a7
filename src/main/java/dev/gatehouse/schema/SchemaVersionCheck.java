package dev.gatehouse.schema;

import dev.gatehouse.config.GatehouseConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * On a replica that does not migrate ({@code gatehouse.schema.migrate-at-start=false}), refuses the
 * start until the database schema is at least at this build's version, before any other start-up
 * work touches a table. The migration runs once per release, elsewhere (a Kubernetes Job), and
 * Kubernetes starts the replica again until it has; a newer schema is fine, since every migration
 * leaves the previous release able to run.
 */
@ApplicationScoped
public class SchemaVersionCheck {

    /** The highest {@code V<n>__} migration in {@code db/migration}; SchemaVersionCheckTest keeps them equal. */
    public static final int EXPECTED = 22;

    /** SQLSTATE undefined_table: Flyway has never run on this database. */
    private static final String UNDEFINED_TABLE = "42P01";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final boolean migrates;

    public SchemaVersionCheck(Pool pool, GatehouseConfig config) {
        this.pool = pool;
        this.migrates = config.schema().migrateAtStart();
    }

    void onStart(@Observes @Priority(2) StartupEvent event) {
        if (migrates) {
            return; // Flyway has just brought the schema to this build's version
        }
        int version = version().await().atMost(TIMEOUT);
        if (version < EXPECTED) {
            throw new IllegalStateException("Gatehouse cannot start: the database schema is at version " + version
                    + ", this build needs " + EXPECTED + "; migrate it first (GATEHOUSE_SCHEMA_MIGRATE_AT_START=true"
                    + " QUARKUS_INIT_AND_EXIT=true, the gatehouse-migrate Job in Kubernetes)");
        }
        Log.infof("Database schema at version %d (this build needs %d)", version, EXPECTED);
    }

    /** The highest migration Flyway applied successfully; 0 on a database it has never migrated. */
    Uni<Integer> version() {
        return pool.query("select coalesce(max(version::int), 0) as v from flyway_schema_history where success")
                .execute()
                .map(rows -> rows.iterator().next().getInteger("v"))
                .onFailure(e -> e instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState()))
                .recoverWithItem(0);
    }
}
