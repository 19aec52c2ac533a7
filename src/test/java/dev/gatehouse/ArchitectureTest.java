package dev.gatehouse;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Map<String, Set<String>> packagesByPrefix = redisKeyPrefixes();
        assertTrue(packagesByPrefix.containsKey("gh:deny:"), "the scan finds the denylist's keys: " + packagesByPrefix);
        Map<String, Set<String>> shared = packagesByPrefix.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertEquals(
                Map.of(),
                shared,
                "Redis key prefixes used by more than one package (the owner must answer for its keys)");
    }

    /** Every {@code "gh:…:"} prefix in the main classes' constants, with the packages whose classes hold it. */
    private static Map<String, Set<String>> redisKeyPrefixes() throws IOException, URISyntaxException {
        Path classes = Path.of(ArchitectureTest.class
                        .getClassLoader()
                        .getResource("dev/gatehouse/error/ApiError.class")
                        .toURI())
                .getParent()
                .getParent()
                .getParent()
                .getParent();
        Pattern prefix = Pattern.compile("gh:[a-z-]+:");
        Map<String, Set<String>> packagesByPrefix = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/gatehouse"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String pkg = classes.relativize(file.getParent())
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".");
                Matcher found = prefix.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (found.find()) {
                    packagesByPrefix
                            .computeIfAbsent(found.group(), key -> new TreeSet<>())
                            .add(pkg);
                }
            }
        }
        return packagesByPrefix;
    }
}
