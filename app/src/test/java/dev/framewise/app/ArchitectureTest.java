package dev.framewise.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.device.DeviceDoctor;
import dev.framewise.engine.store.hub.DownloadProgress;
import dev.framewise.engine.store.sizing.FitCheck;
import dev.framewise.engine.torch.NativeMemory;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
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

    /**
     * The workbench uses the engine through its API ({@code engine.api}) and a short list besides:
     * <ul>
     *   <li>{@code engine.media}: it opens, probes and shows the frames of the media it lists;</li>
     *   <li>{@code engine.reasoning}: the parser, time references and grounding it draws its outline from;</li>
     *   <li>{@code engine.embedded} and {@code engine.remote}: the two backends it opens (factories only);</li>
     *   <li>{@code engine.estimate}: the cost preview beside the Ask button (one adapter, {@code EngineCostEstimates});</li>
     *   <li>{@code FitCheck}: the memory verdict of {@code framewise models info}, before a load;</li>
     *   <li>{@code NativeMemory}: the native memory it shows in the status bar;</li>
     *   <li>{@code engine.gpu}: the "Use the GPU…" action runs the engine's GPU setup (detection, download,
     *   switch), and the launcher selects the switched-on libtorch before any model loads;</li>
     *   <li>{@code DeviceDoctor}, {@code Bytes}, {@code DownloadProgress}: the About box's device lines, sizes and
     *   download progress;</li>
     *   <li>{@code Precision}: the launcher turns the engine settings' precision into the embedded engine's options
     *   (by its {@code --dtype} name, as the command line does);</li>
     * </ul>
     * Anything else (tensors, tokenizer, model internals, store machinery) stays behind those. The model picker's
     * one adapter, {@code EngineModelCatalog}, is the exception: it uses the model store, sizer and downloader
     * ({@link #theModelCatalogStaysAwayFromTensorsAndGeneration}).
     */
    @Test
    void theAppUsesTheEngineThroughItsApiAndAShortList() {
        noClasses().that().resideInAPackage("dev.framewise.app..").and(not(belongToAnyOf(EngineModelCatalog.class)))
                .should().dependOnClassesThat(resideInAPackage("dev.framewise.engine..")
                        .and(not(resideInAnyPackage("dev.framewise.engine.api..", "dev.framewise.engine.media",
                                "dev.framewise.engine.reasoning", "dev.framewise.engine.embedded",
                                "dev.framewise.engine.remote", "dev.framewise.engine.gpu", "dev.framewise.engine.estimate")))
                        .and(not(belongToAnyOf(FitCheck.class, NativeMemory.class, DeviceDoctor.class,
                                Bytes.class, DownloadProgress.class, Precision.class))))
                .check(all);
    }

    /**
     * The model picker lists, sizes up and downloads models through the engine's store (the same classes as
     * {@code framewise models}), in one adapter; it stays away from tensors, the tokenizer and generation.
     */
    @Test
    void theModelCatalogStaysAwayFromTensorsAndGeneration() {
        noClasses().that().belongToAnyOf(EngineModelCatalog.class)
                .should().dependOnClassesThat(resideInAnyPackage("dev.framewise.engine.torch..",
                        "dev.framewise.engine.text..", "dev.framewise.engine.generate..", "dev.framewise.engine.vision..",
                        "dev.framewise.engine.embedded..", "dev.framewise.engine.serve.."))
                .check(all);
    }
}
