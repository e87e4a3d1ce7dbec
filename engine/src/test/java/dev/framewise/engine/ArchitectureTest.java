package dev.framewise.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine is usable without the UI: it must never depend on JavaFX or on the other modules. */
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
}
