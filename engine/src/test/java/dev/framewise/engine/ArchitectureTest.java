package dev.framewise.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine is usable without the UI: it must never depend on JavaFX or on the other modules; and its packages
 * form layers, never a cycle (each package-info says what it must not import).
 */
class ArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.framewise.engine");

    @Test
    void engineNeverImportsJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(engine);
    }

    @Test
    void engineDoesNotDependOnSessionsOrApp() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.framewise.sessions..", "dev.framewise.app..").check(engine);
    }

    /**
     * No two engine packages depend on each other, directly or around a loop.
     */
    @Test
    void enginePackagesAreFreeOfCycles() {
        slices().matching("dev.framewise.engine.(*)..").should().beFreeOfCycles().check(engine);
    }

    /** Benchmark support (synthetic checkpoints, timers) is for the bench commands and tests only. */
    @Test
    void benchmarksStayApartFromTheProductPath() {
        noClasses().that().resideInAPackage("dev.framewise.engine..")
                .and().resideOutsideOfPackage("dev.framewise.engine.bench..")
                .should().dependOnClassesThat().resideInAPackage("dev.framewise.engine.bench..").check(engine);
    }
}
