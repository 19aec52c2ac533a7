package dev.gatehouse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph a reader can draw: leaf packages (error, config, sql, metrics, http, crypto and
 * the OAuth protocol value types, redis.ReadAlong) at the bottom, features in the middle, resources on top, and no
 * cycle anywhere. README "Architecture" shows the picture.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.gatehouse");

    private static final String[] LEAVES = {"dev.gatehouse.error..", "dev.gatehouse.config..", "dev.gatehouse.sql..",
            "dev.gatehouse.metrics..", "dev.gatehouse.http..", "dev.gatehouse.crypto..", "dev.gatehouse.oauth.protocol..",
            "dev.gatehouse.redis.."};

    /** Every package on its own (sub-packages too): none may depend on itself through another. */
    @Test
    void noPackageCycles() {
        slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** The leaves know no feature: they are what every feature builds on. */
    @Test
    void leavesDependOnLeavesOnly() {
        noClasses()
                .that().resideInAnyPackage(LEAVES)
                .should().dependOnClassesThat(resideInAPackage("dev.gatehouse..").and(not(resideInAnyPackage(LEAVES)))).check(MAIN);
    }

    /** Resources sit on top: no class depends on a JAX-RS resource. */
    @Test
    void nothingDependsOnAResource() {
        noClasses()
                .that().resideInAPackage("dev.gatehouse..").and().areNotAnnotatedWith(Path.class)
                .should().dependOnClassesThat().areAnnotatedWith(Path.class).check(MAIN);
    }
}
