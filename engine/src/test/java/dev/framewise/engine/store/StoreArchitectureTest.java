package dev.framewise.engine.store;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The store's four concerns stay apart (see the package-info of {@code engine.store}): discovery and device probing
 * at the bottom, downloads on discovery, sizing on discovery and the device; the shared helpers import none of them.
 */
class StoreArchitectureTest {

    private static final String STORE = "dev.framewise.engine.store";

    private final JavaClasses store = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(STORE);

    @Test
    void subPackagesAreFreeOfCycles() {
        slices().matching(STORE + ".(*)..").should().beFreeOfCycles().check(store);
    }

    @Test
    void sharedHelpersImportNoSubPackage() {
        noClasses().that().resideInAPackage(STORE)
                .should().dependOnClassesThat().resideInAPackage(STORE + ".*..").check(store);
    }

    @Test
    void discoveryKnowsNothingOfDownloadsSizingOrDevices() {
        noClasses().that().resideInAPackage(STORE + ".discovery..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(STORE + ".hub..", STORE + ".sizing..", STORE + ".device..").check(store);
    }

    @Test
    void deviceProbingKnowsNothingOfModelsOnDisk() {
        noClasses().that().resideInAPackage(STORE + ".device..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(STORE + ".discovery..", STORE + ".hub..", STORE + ".sizing..", "dev.framewise.engine.family..")
                .check(store);
    }

    @Test
    void downloadsAndSizingNeverImportEachOther() {
        noClasses().that().resideInAPackage(STORE + ".hub..")
                .should().dependOnClassesThat().resideInAnyPackage(STORE + ".sizing..", STORE + ".device..").check(store);
        noClasses().that().resideInAPackage(STORE + ".sizing..")
                .should().dependOnClassesThat().resideInAPackage(STORE + ".hub..").check(store);
    }
}
