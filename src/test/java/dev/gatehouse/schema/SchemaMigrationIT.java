package dev.gatehouse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.fault.Replica;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged application as a fleet runs it: replicas that do not migrate
 * ({@code GATEHOUSE_SCHEMA_MIGRATE_AT_START=false}) and one migration run that exits
 * ({@code QUARKUS_INIT_AND_EXIT=true}), on a database of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaMigrationIT {

    private static final String DATABASE = "gatehouse_schema_it";
    private static final String MASTER_KEY = Replica.randomMasterKey();
    /** Every start of this class's replicas names the same bootstrap admin, as one deployment's do. */
    private static final String ADMIN_PASSWORD = "schema-" + UUID.randomUUID();

    @BeforeAll
    static void freshDatabase() throws SQLException {
        Replica.freshDatabase(DATABASE);
    }

    @Test
    @Order(1)
    void replicaThatDoesNotMigrateRefusesAnUnmigratedDatabase() throws Exception {
        try (Replica replica = new Replica("schema-unmigrated", env(false)).launch()) {
            Integer exit = replica.exitCode(Duration.ofSeconds(90));
            assertNotNull(exit, "the replica still runs on a database without the schema");
            assertNotEquals(0, exit);
            String log = Files.readString(replica.log());
            assertTrue(
                    log.contains(
                            "the database schema is at version 0, this build needs " + SchemaVersionCheck.EXPECTED),
                    "the refusal names both versions; see " + replica.log());
        }
        assertEquals(0, count("select count(*) from pg_tables where schemaname = 'public'"), "nothing was created");
    }

    @Test
    @Order(2)
    void migrateAndExitBringsTheSchemaToThisBuildsVersionAndDoesNothingElse() throws Exception {
        Map<String, String> env = env(true);
        env.put("QUARKUS_INIT_AND_EXIT", "true");
        // the Job's NetworkPolicy lets it reach PostgreSQL and DNS only: a migration must not need Redis
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:1/8");
        try (Replica migration = new Replica("schema-migrate", env).launch()) {
            assertEquals(0, migration.exitCode(Duration.ofSeconds(120)), "see " + migration.log());
        }
        assertEquals(
                SchemaVersionCheck.EXPECTED,
                count("select max(version::int) from flyway_schema_history where success"));
        assertEquals(0, count("select count(*) from signing_key"), "the migration run makes no signing key");
        assertEquals(0, count("select count(*) from user_account"), "nor the bootstrap admin");
    }

    @Test
    @Order(3)
    void replicaThatDoesNotMigrateServesWithoutLoadingJdbcOrFlyway() throws Exception {
        Map<String, String> env = env(false);
        env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:stdout");
        try (Replica replica = new Replica("schema-serving", env).start()) {
            HttpResponse<String> jwks = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(replica.url() + "/oauth2/jwks"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, jwks.statusCode());
            assertTrue(jwks.body().contains("\"kid\""), jwks.body());
            String log = Files.readString(replica.log());
            assertTrue(
                    log.contains("Database schema at version " + SchemaVersionCheck.EXPECTED), "see " + replica.log());
            assertTrue(log.contains("dev.gatehouse.schema.SchemaVersionCheck"), "class loading was logged");
            for (String unused :
                    new String[] {"org.postgresql.Driver ", "io.agroal.pool.", "org.flywaydb.core.internal.command."}) {
                assertFalse(log.contains(unused), unused + " was loaded by a replica that does not migrate");
            }
        }
    }

    private static Map<String, String> env(boolean migrate) {
        Map<String, String> env = Replica.prodEnv(DATABASE, MASTER_KEY);
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", "root@schema.example");
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GATEHOUSE_SCHEMA_MIGRATE_AT_START", Boolean.toString(migrate));
        return env;
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = connect(DATABASE);
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }
}
