package dev.framewise.app.ui;

import dev.framewise.app.UiResources;
import dev.framewise.app.view.MainWindow;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.BackendFactory;
import dev.framewise.app.viewmodel.CostEstimates;
import dev.framewise.app.viewmodel.Debouncer;
import dev.framewise.app.viewmodel.EngineOutliner;
import dev.framewise.app.viewmodel.ModelCatalog;
import dev.framewise.app.viewmodel.ServerConnector;
import dev.framewise.app.viewmodel.Services;
import dev.framewise.app.viewmodel.WorkbenchViewModel;
import dev.framewise.engine.media.Media;
import dev.framewise.sessions.store.FileSessionStore;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

/**
 * The real workbench window on the headless (Monocle) toolkit, with its services pointed at a temporary
 * folder: sessions and settings there, media decoded by the engine, the model from the test's factory.
 */
final class WorkbenchHarness {
    final Path dir;
    final Preferences prefs;
    final FxRobot robot = new FxRobot();
    final ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "test-work");
        t.setDaemon(true);
        return t;
    });
    /** Generous: on a loaded 2-core machine the first window alone took over 20 s to show. */
    static final int FX_TIMEOUT_SECONDS = 60;
    final Stage stage;
    WorkbenchViewModel vm;
    MainWindow window;

    /** For tests that connect to no server: connecting fails the test. */
    static final ServerConnector NO_SERVER = (url, model, key) -> {
        throw new AssertionError("this test connects to no server");
    };

    WorkbenchHarness(Path dir, Preferences prefs, BackendFactory backends) throws Exception {
        this(dir, prefs, backends, NO_SERVER);
    }

    WorkbenchHarness(Path dir, Preferences prefs, BackendFactory backends, ServerConnector servers) throws Exception {
        this(dir, prefs, backends, servers, CostEstimates.NONE);
    }

    /** With a cost preview from {@code estimates} (debounced by nothing: every change estimates at once). */
    WorkbenchHarness(Path dir, Preferences prefs, BackendFactory backends, ServerConnector servers,
                     CostEstimates estimates) throws Exception {
        this(dir, prefs, backends, servers, estimates, ModelCatalog.NONE);
    }

    /** With {@code models} behind the Models window (the picker and downloads). */
    WorkbenchHarness(Path dir, Preferences prefs, BackendFactory backends, ServerConnector servers,
                     CostEstimates estimates, ModelCatalog models) throws Exception {
        this.dir = dir;
        this.prefs = prefs;
        stage = FxToolkit.registerPrimaryStage();
        Services services = new Services(pool, Platform::runLater, Clock.systemUTC(), Media::open, backends, servers,
                new EngineOutliner(), new AppSettings(prefs), new FileSessionStore(dir.resolve("sessions")),
                UiResources.presets(), estimates, Debouncer.immediate(), models);
        fx(() -> {
            vm = new WorkbenchViewModel(services);
            window = new MainWindow(vm, stage);
            stage.setWidth(1400);
            stage.setHeight(900);
            stage.show();
            return null;
        });
    }

    static Preferences freshPrefs() {
        return Preferences.userRoot().node("dev/framewise/test/" + System.nanoTime());
    }

    /** A folder that passes the model-folder check; the test's factory decides what "loading" it gives. */
    Path modelFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("model"));
        for (String name : new String[]{"config.json", "tokenizer.json", "model.safetensors"}) {
            if (!Files.exists(folder.resolve(name))) Files.writeString(folder.resolve(name), "{}");
        }
        return folder;
    }

    /** Writes a test video ({@link TestVideos}: {@code seconds} long at {@code fps}), adds it and waits until it is shown. */
    Path showVideo(String name, int seconds, int fps) throws Exception {
        Path video = TestVideos.write(dir.resolve(name), seconds, fps);
        run(() -> vm.library().add(List.of(video)));
        await("the video is shown", () -> vm.viewer().frameProperty().get() != null);
        return video;
    }

    /** Loads {@link #modelFolder()} through the test's factory and waits until a question can be asked. */
    Path loadModel() throws Exception {
        Path model = modelFolder();
        run(() -> vm.engine().load(model));
        await("the model is ready", () -> vm.ask().state() == AskViewModel.State.READY);
        return model;
    }

    /** Types {@code question} into the question box and sends it (Ctrl+Enter). */
    void ask(String question) {
        robot.clickOn("#question").write(question);
        send();
    }

    /** Ctrl+Enter: sends what the focused question or follow-up box holds. */
    void send() {
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void run(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits (up to {@link #FX_TIMEOUT_SECONDS}) until the condition, evaluated on the FX thread, holds. */
    void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FX_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (fx(condition::getAsBoolean)) {
                WaitForAsyncUtils.waitForFxEvents();
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("timed out waiting until " + what + "; notifications: "
                + fx(() -> vm.notifications().notifications().toString()));
    }

    void close() throws Exception {
        fx(() -> {
            vm.shutdown();
            stage.hide();
            return null;
        });
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static void removePrefs(Preferences prefs) {
        try {
            prefs.removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // Already gone.
        }
    }
}
