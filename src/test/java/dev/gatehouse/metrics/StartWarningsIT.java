package dev.gatehouse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.fault.Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application's prod starts, as the Kubernetes Job (migrating) and a replica (not)
 * run it, log nothing at WARN or above: operators alert on those levels, and a rollout must not
 * page anyone.
 */
class StartWarningsIT {

    private static final String DATABASE = "gatehouse_start_warnings_it";

    @Test
    void prodStartsLogNothingAtWarnOrAbove() throws Exception {
        Replica.freshDatabase(DATABASE);
        String masterKey = Replica.randomMasterKey();
        List<String> migrating = linesAtWarnOrAbove(start("start-warnings-migrate", masterKey, true));
        List<String> serving = linesAtWarnOrAbove(start("start-warnings-serve", masterKey, false));

        assertEquals(List.of(), migrating, "the migrating start");
        assertEquals(List.of(), serving, "the serving start");
    }

    private static Path start(String name, String masterKey, boolean migrate) throws Exception {
        Map<String, String> env = Replica.prodEnv(DATABASE, masterKey);
        env.put("GATEHOUSE_SCHEMA_MIGRATE_AT_START", Boolean.toString(migrate));
        Files.deleteIfExists(Path.of("target", "faults", name + ".log"));
        try (Replica replica = new Replica(name, env).start()) {
            return replica.log();
        }
    }

    private static List<String> linesAtWarnOrAbove(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        assertTrue(
                lines.stream().anyMatch(line -> line.contains("\"level\":\"INFO\"")),
                "the log holds JSON lines with their level: " + log);
        return lines.stream()
                .filter(line -> line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\""))
                .toList();
    }
}
