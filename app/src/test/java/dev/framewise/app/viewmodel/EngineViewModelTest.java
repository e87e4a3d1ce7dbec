package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.QueuedExecutor;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.LoadProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's state machine (load, cancel, fail, replace) as a plain unit test: no FX toolkit, the test runs the threads. */
class EngineViewModelTest {
    @TempDir
    Path dir;
    private final Preferences prefs = Preferences.userRoot().node("dev/framewise/test/engine-vm-" + System.nanoTime());
    private final AppSettings settings = new AppSettings(prefs);
    private final NotificationsViewModel notifications = new NotificationsViewModel();
    private final QueuedExecutor background = new QueuedExecutor();
    private final QueuedExecutor fxThread = new QueuedExecutor();
    private final List<FakeBackend> opened = new ArrayList<>();
    private RuntimeException loadFailure;

    private final BackendFactory factory = (folder, progress) -> {
        progress.accept(0.5);
        if (loadFailure != null) throw loadFailure;
        FakeBackend backend = new FakeBackend(folder.getFileName().toString());
        opened.add(backend);
        return backend;
    };
    private final EngineViewModel engine = new EngineViewModel(new BackgroundWork(background, fxThread), factory,
            (url, model, key) -> new FakeBackend(model + " at " + url), settings, notifications);

    @AfterEach
    void removePrefs() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void loadingAFolderEndsReadyAndIsRemembered() throws Exception {
        Path folder = modelFolder("tiny");
        engine.load(folder);
        assertEquals(EngineViewModel.State.LOADING, engine.stateProperty().get());
        assertEquals("Loading tiny…", engine.descriptionProperty().get());
        runEverything();
        assertEquals(EngineViewModel.State.READY, engine.stateProperty().get());
        assertEquals("tiny on test", engine.descriptionProperty().get());
        assertSame(opened.get(0), engine.backendProperty().get());
        assertEquals(folder, engine.modelFolderProperty().get());
        assertEquals(Optional.of(folder), settings.modelFolder());
        assertEquals("tiny", engine.modelInfo().name());
    }

    @Test
    void aWrongFolderIsRefusedAtOnceWithoutLoading() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        engine.load(empty);
        assertEquals(0, background.waiting());
        assertEquals(EngineViewModel.State.NO_MODEL, engine.stateProperty().get());
        assertEquals(1, notifications.notifications().size());
        assertTrue(notifications.notifications().get(0).message().contains("Cannot use"),
                notifications.notifications().get(0).message());
    }

    @Test
    void aFailedLoadSaysSoAndRemembersNothing() throws Exception {
        loadFailure = new IllegalStateException("weights are truncated");
        engine.load(modelFolder("broken"));
        runEverything();
        assertEquals(EngineViewModel.State.FAILED, engine.stateProperty().get());
        assertEquals("Model failed to load — choose a model (Ctrl+M)", engine.descriptionProperty().get());
        assertNull(engine.backendProperty().get());
        assertEquals(Optional.empty(), settings.modelFolder());
        assertEquals(Notification.Kind.ERROR, notifications.notifications().get(0).kind());
    }

    @Test
    void aFailedReplacementKeepsTheModelInUse() throws Exception {
        engine.load(modelFolder("first"));
        runEverything();
        FakeBackend first = opened.get(0);
        loadFailure = new IllegalStateException("out of memory");
        engine.load(modelFolder("second"));
        runEverything();
        assertEquals(EngineViewModel.State.READY, engine.stateProperty().get());
        assertSame(first, engine.backendProperty().get());
        assertFalse(first.closed);
        assertEquals("first on test", engine.descriptionProperty().get());
    }

    @Test
    void cancellingALoadRestoresTheModelBeforeAndClosesWhatTheLoadStillOpened() throws Exception {
        BackgroundWork work = new BackgroundWork(background, fxThread);
        EngineViewModel cancellable = new EngineViewModel(work, factory, (u, m, k) -> null, settings, notifications);
        cancellable.load(modelFolder("first"));
        runEverything();
        FakeBackend first = opened.get(0);

        cancellable.load(modelFolder("second"));
        assertEquals(EngineViewModel.State.LOADING, cancellable.stateProperty().get());
        work.cancelAll();
        assertEquals(EngineViewModel.State.READY, cancellable.stateProperty().get(), "back to the model before, at once");
        assertSame(first, cancellable.backendProperty().get());
        runEverything();
        assertSame(first, cancellable.backendProperty().get());
        assertEquals(Optional.of(dir.resolve("first")), settings.modelFolder());
        assertTrue(notifications.notifications().isEmpty(), notifications.notifications().toString());
    }

    @Test
    void cancellingWhileTheModelLoadsClosesTheHalfLoadedOne() throws Exception {
        BackgroundWork work = new BackgroundWork(Runnable::run, fxThread);
        List<FakeBackend> made = new ArrayList<>();
        EngineViewModel cancellable = new EngineViewModel(work, (folder, progress) -> {
            FakeBackend backend = new FakeBackend("late");
            made.add(backend);
            work.cancelAll(); // the user presses Cancel while the last layer loads
            return backend;
        }, (u, m, k) -> null, settings, notifications);
        cancellable.load(modelFolder("slow"));
        runEverything();
        assertEquals(EngineViewModel.State.NO_MODEL, cancellable.stateProperty().get());
        assertNull(cancellable.backendProperty().get());
        assertTrue(made.get(0).closed, "a backend opened for a cancelled load is closed");
    }

    @Test
    void theStatusLineSaysWhileWeightsAreQuantisedAndCancelStopsAtTheNextMatrix() throws Exception {
        BackgroundWork work = new BackgroundWork(Runnable::run, fxThread);
        List<String> shown = new ArrayList<>();
        List<Throwable> stopped = new ArrayList<>();
        EngineViewModel quantising = new EngineViewModel(work, (folder, progress) -> {
            LoadProgress.Listener.tell(progress,
                    new LoadProgress(LoadProgress.Stage.QUANTISING, 40, 197, 2_100_000_000L, 4_300_000_000L));
            progress.accept(0.4);
            fxThread.runAll(); // the results thread shows it meanwhile
            work.cancelAll(); // the user presses Cancel while the weights are quantised
            try {
                LoadProgress.Listener.tell(progress,
                        new LoadProgress(LoadProgress.Stage.QUANTISING, 47, 197, 2_400_000_000L, 4_300_000_000L));
            } catch (CancellationException e) {
                stopped.add(e);
                throw e;
            }
            return new FakeBackend("never");
        }, (u, m, k) -> null, settings, notifications);
        quantising.descriptionProperty().addListener((o, before, text) -> shown.add(text));
        quantising.load(modelFolder("q7"));
        runEverything();
        assertTrue(shown.contains("Loading q7… quantising 40 of 197 matrices (2.1 of 4.3 GB)"), shown.toString());
        assertEquals(1, stopped.size(), "the next matrix's step stops the load");
        assertEquals(EngineViewModel.State.NO_MODEL, quantising.stateProperty().get());
        assertTrue(notifications.notifications().isEmpty(), notifications.notifications().toString());
    }

    @Test
    void connectingToAServerRemembersItAndNoFolder() {
        engine.connect("http://localhost:8000/v1", "cosmos", "secret");
        runEverything();
        assertEquals(EngineViewModel.State.READY, engine.stateProperty().get());
        assertEquals("cosmos at http://localhost:8000/v1 on test", engine.descriptionProperty().get());
        assertNull(engine.modelFolderProperty().get());
        assertEquals("http://localhost:8000/v1", settings.server().orElseThrow().url());
    }

    private void runEverything() {
        while (background.waiting() > 0 || fxThread.waiting() > 0) {
            background.runAll();
            fxThread.runAll();
        }
    }

    private Path modelFolder(String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (String file : new String[]{"config.json", "tokenizer.json", "model.safetensors"}) {
            Files.writeString(folder.resolve(file), "{}");
        }
        return folder;
    }

    private static final class FakeBackend implements InferenceBackend {
        private final String name;
        boolean closed;

        FakeBackend(String name) {
            this.name = name;
        }

        @Override
        public String describe() {
            return name + " on test";
        }

        @Override
        public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
            throw new UnsupportedOperationException("this test generates nothing");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
