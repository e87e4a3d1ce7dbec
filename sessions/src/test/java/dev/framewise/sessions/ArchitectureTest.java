package dev.framewise.sessions;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.framewise.sessions.model.Session;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Sessions is a plain library: no JavaFX, no app, and only the engine's API types (never its machinery). */
class ArchitectureTest {

    /** Imported from the module's own class folder: scanning the whole class path (libtorch, FFmpeg) takes long. */
    private final JavaClasses sessions = new ClassFileImporter().importPath(classesOf(Session.class));

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sessionsNeverImportsJavaFxOrTheApp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.framewise.app..")
                .check(sessions);
    }

    @Test
    void sessionsUsesOnlyTheEngineTypes() {
        noClasses().should().dependOnClassesThat(resideInAPackage("dev.framewise.engine..")
                        .and(not(resideInAnyPackage("dev.framewise.engine.api", "dev.framewise.engine.media"))))
                .check(sessions);
    }
}
