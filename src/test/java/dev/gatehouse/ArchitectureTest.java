package dev.gatehouse;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Table;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph a reader can draw: leaf packages (error, config, sql, metrics, http, crypto and
 * the OAuth protocol value types, redis.ReadAlong) at the bottom, features in the middle, resources on top, and no
 * cycle anywhere. README "Architecture" shows the picture.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gatehouse");

    private static final String[] LEAVES = {
        "dev.gatehouse.error..",
        "dev.gatehouse.config..",
        "dev.gatehouse.sql..",
        "dev.gatehouse.metrics..",
        "dev.gatehouse.http..",
        "dev.gatehouse.crypto..",
        "dev.gatehouse.oauth.protocol..",
        "dev.gatehouse.redis.."
    };

    /** Every package on its own (sub-packages too): none may depend on itself through another. */
    @Test
    void noPackageCycles() {
        slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** The leaves know no feature: they are what every feature builds on. */
    @Test
    void leavesDependOnLeavesOnly() {
        noClasses()
                .that()
                .resideInAnyPackage(LEAVES)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gatehouse..").and(not(resideInAnyPackage(LEAVES))))
                .check(MAIN);
    }

    /** Resources sit on top: no class depends on a JAX-RS resource. */
    @Test
    void nothingDependsOnAResource() {
        noClasses()
                .that()
                .resideInAPackage("dev.gatehouse..")
                .and()
                .areNotAnnotatedWith(jakarta.ws.rs.Path.class)
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(jakarta.ws.rs.Path.class)
                .check(MAIN);
    }

    /**
     * No feature reads another feature's Redis keys: each key prefix ({@code gh:deny:}, {@code gh:rl:}, ...)
     * is spelled in the compiled classes of one package only. The bytecode is read, not the source,
     * so a constant inlined from another package counts where it is used.
     */
    @Test
    void eachRedisKeyPrefixBelongsToOnePackage() throws IOException, URISyntaxException {
        Map<String, Set<String>> packagesByPrefix = packagesSpelling(Pattern.compile("gh:[a-z-]+:"));
        assertTrue(packagesByPrefix.containsKey("gh:deny:"), "the scan finds the denylist's keys: " + packagesByPrefix);
        assertEquals(
                Map.of(),
                shared(packagesByPrefix),
                "Redis key prefixes used by more than one package (the owner must answer for its keys)");
    }

    /**
     * No feature reads or writes another feature's tables: each table of the schema (the
     * {@code CREATE TABLE}s of {@code db/migration}) is named by the SQL in the compiled classes of
     * one package only, its repository's; a Panache entity's {@code @Table} counts for the entity's
     * package. A name counts where SQL names a table (after FROM, JOIN, UPDATE, INTO, TABLE or
     * TRUNCATE), since {@code refresh_token} is also an OAuth grant type and a response member; the
     * keyword has no word boundary before it, as a constant's length byte before it may be a letter.
     */
    @Test
    void eachTableBelongsToOnePackage() throws IOException, URISyntaxException {
        Set<String> tables = schemaTables();
        assertTrue(tables.contains("refresh_token"), "the migrations create the refresh tokens' table: " + tables);
        Pattern named = Pattern.compile(
                "(?:from|join|update|into|table|truncate)\\s+(" + String.join("|", tables) + ")\\b",
                Pattern.CASE_INSENSITIVE);
        Map<String, Set<String>> packagesByTable = packagesSpelling(named);
        for (JavaClass entity : MAIN) {
            entity.tryGetAnnotationOfType(Table.class)
                    .ifPresent(table -> packagesByTable
                            .computeIfAbsent(table.name(), name -> new TreeSet<>())
                            .add(entity.getPackageName()));
        }
        assertTrue(
                packagesByTable.getOrDefault("refresh_token", Set.of()).contains("dev.gatehouse.refresh"),
                "the scan finds the refresh tokens' statements: " + packagesByTable);
        assertEquals(
                Map.of(),
                shared(packagesByTable),
                "Tables named by more than one package (one repository per aggregate owns its queries)");
    }

    /** The entries held by more than one package. */
    private static Map<String, Set<String>> shared(Map<String, Set<String>> packagesByName) {
        return packagesByName.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The tables the migrations create, lower case. */
    private static Set<String> schemaTables() throws IOException, URISyntaxException {
        Pattern create =
                Pattern.compile("create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(classesRoot().resolve("db/migration"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("V.*\\.sql"))
                    .toList()) {
                Matcher found = create.matcher(Files.readString(file));
                while (found.find()) {
                    tables.add(found.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    /**
     * Every match of {@code pattern} in the main classes' constants (its last group, lower case),
     * with the packages whose classes hold it.
     */
    private static Map<String, Set<String>> packagesSpelling(Pattern pattern) throws IOException, URISyntaxException {
        Path classes = classesRoot();
        Map<String, Set<String>> packagesByMatch = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/gatehouse"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String pkg = classes.relativize(file.getParent())
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".");
                Matcher found = pattern.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (found.find()) {
                    packagesByMatch
                            .computeIfAbsent(
                                    found.group(found.groupCount()).toLowerCase(Locale.ROOT), key -> new TreeSet<>())
                            .add(pkg);
                }
            }
        }
        return packagesByMatch;
    }

    /** The folder of the main classes (and resources). */
    private static Path classesRoot() throws URISyntaxException {
        return Path.of(ArchitectureTest.class
                        .getClassLoader()
                        .getResource("dev/gatehouse/error/ApiError.class")
                        .toURI())
                .getParent()
                .getParent()
                .getParent()
                .getParent();
    }
}
