package dev.gatehouse.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.fault.Replica;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The class list the packaged application ships, against the JARs it ships with. */
class ClassPreloadIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final Path LIST = Path.of("src", "main", "resources", ClassPreloader.LIST);
    private static final String DATABASE = "gatehouse_preload_it";
    private static final Pattern REPORT = Pattern.compile("preloaded (\\d+) of (\\d+) listed classes");

    @Test
    void everyListedClassIsInThePackagedApp() throws IOException {
        Set<String> packaged = packagedClasses();
        List<String> missing =
                listed().stream().filter(name -> !packaged.contains(name)).toList();

        assertTrue(
                missing.isEmpty(),
                missing.size() + " listed classes are not in the packaged app (a dependency changed?), e.g. "
                        + missing.subList(0, Math.min(5, missing.size()))
                        + ": run bash bench/preload-list.sh and rebuild");
    }

    @Test
    void aPackagedStartPreloadsTheWholeList() throws Exception {
        Replica.freshDatabase(DATABASE);
        try (Replica replica = new Replica("class-preload", env()).start()) {
            Matcher report = awaitReport(replica.log());
            int listed = listed().size();
            assertEquals(listed, Integer.parseInt(report.group(2)), "the list read is the one shipped");
            assertEquals(listed, Integer.parseInt(report.group(1)), "every listed class was loaded");
        }
    }

    private static Matcher awaitReport(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher report = REPORT.matcher(Files.readString(log));
            if (report.find()) {
                return report;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the preloader did not report within 60 s; see " + log);
    }

    private static List<String> listed() throws IOException {
        try (BufferedReader list = Files.newBufferedReader(LIST)) {
            return ClassPreloader.names(list);
        }
    }

    private static Set<String> packagedClasses() throws IOException {
        Set<String> names = new HashSet<>();
        List<Path> jars;
        try (Stream<Path> files = Files.walk(APP)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
        assertTrue(jars.size() > 100, "the packaged app's JARs are found under " + APP);
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream()
                        .map(entry -> entry.getName())
                        .filter(name -> name.endsWith(".class"))
                        .map(name -> name.substring(0, name.length() - ".class".length())
                                .replace('/', '.'))
                        .forEach(names::add);
            }
        }
        return names;
    }

    private static Map<String, String> env() {
        Map<String, String> env = Replica.prodEnv(DATABASE, Replica.randomMasterKey());
        env.put("GATEHOUSE_SCHEMA_MIGRATE_AT_START", "true");
        env.put("QUARKUS_LOG_CATEGORY__DEV_GATEHOUSE_START__LEVEL", "DEBUG");
        return env;
    }
}
