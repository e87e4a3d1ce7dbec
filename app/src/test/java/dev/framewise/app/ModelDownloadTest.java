package dev.framewise.app;

import dev.framewise.app.viewmodel.ModelCatalog;
import dev.framewise.app.viewmodel.ModelChoice;
import dev.framewise.app.viewmodel.ModelDownloadViewModel;
import dev.framewise.app.viewmodel.ModelDownloadViewModel.State;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.store.hub.DownloadProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloading from the app, offline: the download view model over the engine's downloader against a local Hub
 * serving the tiny model; progress, pause and resume, cancel, the gated message and the check at the end.
 */
class ModelDownloadTest {
    @TempDir
    Path temp;
    private LocalHub hub;
    private EngineModelCatalog catalog;
    /** The "FX thread": one thread, so properties change in order; the test reads them through it too. */
    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final ExecutorService worker = Executors.newCachedThreadPool();
    private final List<Path> downloaded = new CopyOnWriteArrayList<>();
    private final List<String> progressLines = new CopyOnWriteArrayList<>();
    private ModelDownloadViewModel vm;

    @BeforeEach
    void start() throws Exception {
        hub = new LocalHub(EngineModelCatalogTest.tinyModel());
        catalog = EngineModelCatalogTest.catalog(temp, hub.endpoint());
        vm = on(() -> {
            ModelDownloadViewModel model = new ModelDownloadViewModel(catalog, worker, fx, downloaded::add);
            model.progressTextProperty().addListener((obs, old, line) -> progressLines.add(line));
            model.repoProperty().set(LocalHub.REPO);
            return model;
        });
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        worker.shutdownNow();
        fx.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private <T> T on(Callable<T> read) throws Exception {
        return fx.submit(read).get(30, TimeUnit.SECONDS);
    }

    private void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (on(condition)) return;
            Thread.sleep(10);
        }
        throw new AssertionError("timed out waiting until " + what + "; state " + on(() -> vm.stateProperty().get())
                + ": " + on(() -> vm.messageProperty().get()));
    }

    private State state() throws Exception {
        return on(() -> vm.stateProperty().get());
    }

    private void checked() throws Exception {
        on(() -> {
            vm.check();
            return null;
        });
        await("the repository is checked", () -> vm.stateProperty().get() == State.CHECKED);
    }

    private void download() throws Exception {
        on(() -> {
            vm.download();
            return null;
        });
    }

    private List<Path> partialFiles() throws Exception {
        Path blobs = temp.resolve("hub").resolve("models--acme--tiny-vl").resolve("blobs");
        if (!Files.isDirectory(blobs)) return List.of();
        try (Stream<Path> files = Files.list(blobs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".incomplete")).toList();
        }
    }

    @Test
    void sizeAndFitFirstThenProgressWithRateThenVerified() throws Exception {
        checked();
        assertThat(on(() -> vm.summaryProperty().get())).contains(" to download · Qwen2.5-VL · bf16 · fits in RAM");
        assertThat(on(() -> vm.messageProperty().get())).startsWith("fits in RAM: needs about");
        hub.chunkDelayMillis = 5;
        download();
        await("the download is done", () -> vm.stateProperty().get() == State.DONE);

        assertThat(progressLines).anySatisfy(line -> assertThat(line).matches(".+ of .+ · .+/s.*"));
        assertThat(progressLines).anySatisfy(line -> assertThat(line).contains(" left"));
        // the check at the end shows the bytes hashed of the total, up to all of them
        assertThat(progressLines).anySatisfy(line -> assertThat(line).matches("Verifying: .+ of .+ hashed"));
        assertThat(progressLines.stream().filter(l -> l.endsWith(" hashed")).reduce((a, b) -> b).orElseThrow())
                .matches("Verifying: (.+) of \\1 hashed");
        assertThat(on(() -> vm.progressTextProperty().get())).matches("Verified \\d+ files");
        assertThat(on(() -> vm.progressProperty().get())).isEqualTo(1.0);
        Path folder = on(() -> vm.folderProperty().get());
        assertThat(downloaded).containsExactly(folder);
        assertThat(folder).isEqualTo(temp.resolve("hub/models--acme--tiny-vl/snapshots/" + LocalHub.COMMIT));
        assertThat(catalog.findModels()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo(LocalHub.REPO);
            assertThat(m.source()).isEqualTo(ModelChoice.Source.HUB_CACHE);
            assertThat(m.family()).isEqualTo("Qwen2.5-VL");
        });
    }

    @Test
    void pauseKeepsWhatArrivedAndResumeFinishes() throws Exception {
        checked();
        hub.chunkDelayMillis = 40;
        download();
        await("some bytes arrived", () -> vm.progressProperty().get() > 0.05);
        on(() -> {
            vm.pause();
            return null;
        });
        await("the download is paused", () -> vm.stateProperty().get() == State.PAUSED);
        assertThat(on(() -> vm.messageProperty().get())).isEqualTo("Paused: Resume carries on where it stopped");
        assertThat(partialFiles()).isNotEmpty();
        hub.chunkDelayMillis = 0;
        download();
        await("the download is done", () -> vm.stateProperty().get() == State.DONE);
        assertThat(partialFiles()).isEmpty();
        assertThat(downloaded).hasSize(1);
    }

    @Test
    void cancelDeletesThePartialDownload() throws Exception {
        checked();
        hub.chunkDelayMillis = 40;
        download();
        await("some bytes arrived", () -> vm.progressProperty().get() > 0.05);
        on(() -> {
            vm.cancel();
            return null;
        });
        await("the download is cancelled", () -> vm.stateProperty().get() == State.CANCELLED);
        assertThat(on(() -> vm.messageProperty().get())).isEqualTo("Cancelled; the partial download of acme/tiny-vl was deleted");
        assertThat(temp.resolve("hub").resolve("models--acme--tiny-vl")).doesNotExist();
        assertThat(downloaded).isEmpty();
    }

    @Test
    void aGatedModelSaysSoWithTheLinkToItsLicence() throws Exception {
        hub.gated = true;
        on(() -> {
            vm.check();
            return null;
        });
        await("the check failed", () -> vm.stateProperty().get() == State.FAILED);
        assertThat(on(() -> vm.messageProperty().get()))
                .isEqualTo("acme/tiny-vl: this model is gated: accept its licence on Hugging Face and set HF_TOKEN");
        assertThat(on(() -> vm.licenceLinkProperty().get())).isEqualTo(hub.endpoint() + "/acme/tiny-vl");

        on(() -> {
            vm.tokenProperty().set(LocalHub.TOKEN);
            return null;
        });
        checked();
        assertThat(on(() -> vm.licenceLinkProperty().get())).isEmpty();
        download();
        await("the download is done", () -> vm.stateProperty().get() == State.DONE);
    }

    @Test
    void theCheckAtTheEndCanBeCancelledAndKeepsTheFiles() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        vm = on(() -> {
            ModelDownloadViewModel model = new ModelDownloadViewModel(new HoldsTheCheck(catalog, cancelled), worker, fx,
                    downloaded::add);
            model.progressTextProperty().addListener((obs, old, line) -> progressLines.add(line));
            model.repoProperty().set(LocalHub.REPO);
            return model;
        });
        checked();
        download();
        await("the check has hashed some bytes", () -> vm.stateProperty().get() == State.VERIFYING
                && vm.progressTextProperty().get().endsWith(" hashed") && vm.progressProperty().get() > 0);
        assertThat(on(() -> vm.messageProperty().get())).startsWith("Checking acme/tiny-vl: every file's hash");
        on(() -> {
            vm.cancel();
            return null;
        });
        cancelled.countDown();
        await("the check is cancelled", () -> vm.stateProperty().get() == State.CANCELLED);
        assertThat(on(() -> vm.messageProperty().get())).isEqualTo("Check cancelled: acme/tiny-vl is downloaded but "
                + "not verified; `framewise models verify acme/tiny-vl` checks it (loading it checks its tensors' shapes)");
        assertThat(downloaded).isEmpty();
        assertThat(temp.resolve("hub/models--acme--tiny-vl/snapshots/" + LocalHub.COMMIT + "/model.safetensors"))
                .isRegularFile();
        assertThat(catalog.verify(temp.resolve("hub/models--acme--tiny-vl/snapshots/" + LocalHub.COMMIT)).ok()).isTrue();
    }

    /** The engine's catalog whose check waits after its first hashed block until the test has pressed Cancel. */
    private static final class HoldsTheCheck implements ModelCatalog {
        private final ModelCatalog engine;
        private final CountDownLatch cancelled;

        HoldsTheCheck(ModelCatalog engine, CountDownLatch cancelled) {
            this.engine = engine;
            this.cancelled = cancelled;
        }

        @Override
        public Verification verify(Path folder, BiConsumer<Long, Long> hashed, CancellationToken cancel) {
            return engine.verify(folder, (done, total) -> {
                hashed.accept(done, total);
                try {
                    if (done > 0) cancelled.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, cancel);
        }

        @Override
        public List<ModelChoice> findModels() {
            return engine.findModels();
        }

        @Override
        public void addFolder(Path folder) {
            engine.addFolder(folder);
        }

        @Override
        public RepoCheck check(String repo, String token) {
            return engine.check(repo, token);
        }

        @Override
        public Path download(String repo, String token, Consumer<DownloadProgress> progress, CancellationToken cancel) {
            return engine.download(repo, token, progress, cancel);
        }

        @Override
        public Verification verify(Path folder) {
            return engine.verify(folder);
        }

        @Override
        public void discardPartial(String repo) {
            engine.discardPartial(repo);
        }

        @Override
        public String modelPage(String repo) {
            return engine.modelPage(repo);
        }
    }
}
