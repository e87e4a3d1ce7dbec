package dev.framewise.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Direction of dependencies: engine and sessions never reach into JavaFX or the app. */
class ArchitectureTest {

    private final JavaClasses all = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.framewise");

    @Test
    void logicNeverImportsJavaFx() {
        noClasses().that().resideInAnyPackage("dev.framewise.engine..", "dev.framewise.sessions..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.framewise.app..")
                .check(all);
    }

    @Test
    void viewModelsNeverReachIntoViews() {
        noClasses().that().resideInAnyPackage("dev.framewise.app.viewmodel..", "dev.framewise.app.task..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.framewise.app.view..", "javafx.scene.control..")
                .check(all);
    }
}
