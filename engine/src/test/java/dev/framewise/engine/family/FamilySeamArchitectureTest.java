package dev.framewise.engine.family;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The model-family seam stays a seam: the machinery below the families unaware of them, DJL's JNI in one file. */
class FamilySeamArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.framewise.engine");

    @Test
    void modelAndTorchDoNotKnowTheFamilies() {
        noClasses().that().resideInAnyPackage("dev.framewise.engine.model..", "dev.framewise.engine.torch..")
                .should().dependOnClassesThat().resideInAPackage("dev.framewise.engine.family..").check(engine);
    }

    /**
     * The rest of the engine asks a family through {@code ModelFamily} (its media planning, convention, factories),
     * never by its type or its own classes; only the benchmarks build a family's synthetic checkpoints.
     */
    @Test
    void outsideTheFamiliesNothingReachesIntoOne() {
        noClasses().that().resideInAPackage("dev.framewise.engine..")
                .and().resideOutsideOfPackages("dev.framewise.engine.family..", "dev.framewise.engine.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.framewise.engine.family.qwen25vl..",
                        "dev.framewise.engine.family.qwen3vl..")
                .check(engine);
    }

    @Test
    void onlyTorchValueUsesDjlsJniPackage() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.framewise.engine.torch.TorchValue")
                .should().dependOnClassesThat().resideInAPackage("ai.djl.pytorch.jni..").check(engine);
    }
}
