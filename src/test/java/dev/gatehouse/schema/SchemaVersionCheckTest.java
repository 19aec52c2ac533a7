package dev.gatehouse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The version a replica that does not migrate waits for is the newest migration, and the test database has it. */
@QuarkusTest
class SchemaVersionCheckTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

    @Inject
    SchemaVersionCheck check;

    @Test
    void expectedVersionIsTheNewestMigration() throws IOException {
        int newest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(file -> MIGRATION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max()
                    .orElseThrow();
        }
        assertEquals(newest, SchemaVersionCheck.EXPECTED, "SchemaVersionCheck.EXPECTED must name the newest migration");
    }

    @Test
    void migratedDatabaseIsAtTheExpectedVersion() {
        assertEquals(SchemaVersionCheck.EXPECTED, check.version().await().indefinitely());
    }
}
