package dev.framewise.app;

import dev.framewise.app.view.MainWindow;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.Debouncer;
import dev.framewise.app.viewmodel.EngineOutliner;
import dev.framewise.app.viewmodel.EngineSettings;
import dev.framewise.app.viewmodel.Services;
import dev.framewise.app.viewmodel.WorkbenchViewModel;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.model.Precision;
import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.SessionStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The workbench application: wires the real services (engine media, the embedded model, session files in
 * the user's data folder, settings in java.util.prefs), opens the window, and reopens the last session.
 */
public final class Workbench extends Application {
    /** Set by {@link #launchWindow} before the toolkit creates this class (JavaFX instantiates it itself). */
    private static SingleInstance instance;
    private ExecutorService background;
    private WorkbenchViewModel vm;

    /** Called by {@link Main} (which must not extend Application itself), holding this data folder's instance. */
    static void launchWindow(String[] args, SingleInstance claimed) {
        instance = claimed;
        Application.launch(Workbench.class, args);
    }

    @Override
    public void start(Stage stage) {
        background = newBackgroundPool();
        vm = new WorkbenchViewModel(services(background, AppSettings.forUser(), FileSessionStore.atDefaultLocation()));
        new MainWindow(vm, stage).onOpenLink(getHostServices()::showDocument);
        stage.show();
        // Files given by the desktop ("Open with", a double-clicked session file); without a session file the
        // last session reopens as it was, and media is added to it.
        List<Path> files = getParameters().getRaw().stream().map(Path::of).toList();
        if (files.stream().noneMatch(FileSessionStore::isSessionFile)) vm.session().reopenLast();
        vm.openFiles(files);
        vm.engine().loadRemembered();
        if (instance != null) {
            instance.onFiles(later -> Platform.runLater(() -> {
                vm.openFiles(later);
                stage.setIconified(false);
                stage.toFront();
            }));
        }
    }

    /** The real services: engine media, the embedded model or a server, sessions in {@code sessions}. */
    static Services services(ExecutorService background, AppSettings settings, SessionStore sessions) {
        return new Services(background, Platform::runLater, Clock.systemDefaultZone(), Media::open,
                (folder, progress) -> EmbeddedBackend.open(folder, embeddedOptions(settings.engineSettings()), progress),
                RemoteServers::connect, new EngineOutliner(), settings, sessions, UiResources.presets(),
                new EngineCostEstimates(), Debouncer.after(PREVIEW_DELAY, TIMER, Platform::runLater),
                EngineModelCatalog.forUser());
    }

    /** The engine options of the workbench's settings (read at each load, so new settings apply at the next). */
    static EmbeddedOptions embeddedOptions(EngineSettings settings) {
        return new EmbeddedOptions(Precision.parse(settings.precision()), settings.device())
                .withContextLimit(settings.contextLength());
    }

    /** How long the cost preview waits for settings to stop changing (typing, dragging) before estimating. */
    private static final Duration PREVIEW_DELAY = Duration.ofMillis(400);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "framewise-debounce");
        thread.setDaemon(true);
        return thread;
    });

    static ExecutorService newBackgroundPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(3, r -> {
            Thread thread = new Thread(r, "framewise-work-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void stop() {
        background.shutdownNow();
        if (instance != null) instance.close();
    }
}
