package dev.framewise.app;

import dev.framewise.app.viewmodel.ModelCatalog;
import dev.framewise.app.viewmodel.ModelChoice;
import dev.framewise.engine.store.device.MemoryStatus;
import dev.framewise.engine.store.discovery.ModelStore;
import dev.framewise.engine.store.discovery.StoreLocations;
import dev.framewise.engine.store.hub.DownloadOptions;
import dev.framewise.engine.store.hub.HubClient;
import dev.framewise.engine.store.sizing.FitCheck;
import dev.framewise.engine.store.sizing.SizeReport;
import dev.framewise.engine.store.sizing.SizeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The picker's catalog over the engine's store: what it lists and how it sizes up a repository, offline. */
class EngineModelCatalogTest {
    /** 16 GiB free, no GPU: the tiny model fits in RAM, decoding at a speed set by this bandwidth. */
    static final MemoryStatus MEMORY = new MemoryStatus(32L << 30, 16L << 30, List.of());
    static final double BANDWIDTH = 20e9;

    @TempDir
    Path temp;

    static EngineModelCatalog catalog(Path root, URI hub) {
        return new EngineModelCatalog(new ModelStore(new StoreLocations(root.resolve("models"), root.resolve("hub"))),
                new HubClient(hub, null), new DownloadOptions(2, 1, Duration.ZERO, 0, dir -> Long.MAX_VALUE,
                Duration.ofSeconds(20)), () -> MEMORY, () -> BANDWIDTH);
    }

    static Path tinyModel() throws Exception {
        return Path.of(EngineModelCatalogTest.class.getResource("/qwen25vl-tiny/config.json").toURI()).getParent();
    }

    /** Copies the tiny model (without its README) into {@code folder}. */
    static Path copyTinyModel(Path folder) throws Exception {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(tinyModel())) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("README.md")).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        return folder;
    }

    @Test
    void listsAModelFolderWithItsFamilyPrecisionSizeAndTheVerdictOfModelsInfo() throws Exception {
        Path folder = copyTinyModel(temp.resolve("models").resolve("qwen25vl-tiny"));
        List<ModelChoice> found = catalog(temp, URI.create("http://127.0.0.1:9")).findModels();

        assertThat(found).hasSize(1);
        ModelChoice tiny = found.get(0);
        assertThat(tiny.name()).isEqualTo("qwen25vl-tiny");
        assertThat(tiny.source()).isEqualTo(ModelChoice.Source.FRAMEWISE);
        assertThat(tiny.folder()).isEqualTo(folder);
        assertThat(tiny.family()).isEqualTo("Qwen2.5-VL");
        assertThat(tiny.precision()).isEqualTo("bf16");
        assertThat(tiny.bytes()).isEqualTo(2133120 + 1049 + 1322 + 153 + 351 + 71133 + 5658);
        assertThat(tiny.complete()).isTrue();
        // framewise models info's defaults, on the same memory and bandwidth: the two never disagree.
        String modelsInfo = SizeReport.assess(folder, new SizeRequest(FitCheck.DEFAULT_CONTEXT_TOKENS, false, 0, 0,
                1280, 720, 30), MEMORY, BANDWIDTH).verdict().text();
        assertThat(tiny.verdict()).isEqualTo(modelsInfo).startsWith("fits in RAM: needs about");
        assertThat(tiny.fit()).startsWith("fits in RAM · ~").endsWith(" tokens/s");
    }

    @Test
    void sizesUpARepositoryOnTheHubBeforeDownloadingIt() throws Exception {
        try (LocalHub hub = new LocalHub(tinyModel())) {
            ModelCatalog.RepoCheck check = catalog(temp, hub.endpoint()).check(LocalHub.REPO, "");
            assertThat(check.repo()).isEqualTo(LocalHub.REPO);
            assertThat(check.family()).isEqualTo("Qwen2.5-VL");
            assertThat(check.precision()).isEqualTo("bf16");
            assertThat(check.fit()).startsWith("fits in RAM");
            assertThat(check.verdict()).startsWith("fits in RAM: needs about");
            assertThat(check.downloadBytes()).isPositive();
        }
        assertThat(temp.resolve("hub")).doesNotExist(); // nothing downloaded by a check
    }

    @Test
    void aGatedRepositoryFailsAsGatedWithItsPage() throws Exception {
        try (LocalHub hub = new LocalHub(tinyModel())) {
            hub.gated = true;
            EngineModelCatalog catalog = catalog(temp, hub.endpoint());
            assertThatThrownBy(() -> catalog.check(LocalHub.REPO, ""))
                    .isInstanceOfSatisfying(ModelCatalog.Failure.class,
                            f -> assertThat(f.reason()).isEqualTo(ModelCatalog.Failure.Reason.GATED))
                    .hasMessage("acme/tiny-vl: this model is gated: accept its licence on Hugging Face and set HF_TOKEN");
            assertThat(catalog.modelPage(LocalHub.REPO)).isEqualTo(hub.endpoint() + "/acme/tiny-vl");
            assertThat(catalog.check(LocalHub.REPO, LocalHub.TOKEN).family()).isEqualTo("Qwen2.5-VL");
        }
    }

    @Test
    void aFolderOfTheUsersIsSearchedOnceAdded() throws Exception {
        Path mine = copyTinyModel(temp.resolve("elsewhere").resolve("org").resolve("tiny"));
        EngineModelCatalog catalog = catalog(temp, URI.create("http://127.0.0.1:9"));
        assertThat(catalog.findModels()).isEmpty();
        catalog.addFolder(temp.resolve("elsewhere"));
        assertThat(catalog.findModels()).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo(ModelChoice.Source.USER_FOLDER);
            assertThat(m.folder()).isEqualTo(mine);
        });
    }
}
