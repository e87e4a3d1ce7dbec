package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.FxPlaybackClock;
import dev.framewise.app.viewmodel.lab.LabModels;
import dev.framewise.app.viewmodel.lab.LabRunner;
import dev.framewise.app.viewmodel.lab.LabSources;
import dev.framewise.app.viewmodel.lab.LabTemplates;
import dev.framewise.app.viewmodel.lab.LabViewModel;
import dev.framewise.engine.reasoning.CoordinateSpace;
import dev.framewise.sessions.export.SessionExport;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.store.FileSessionStore;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.InvalidationListener;

/**
 * The whole window's state: builds the panel view-models from the injected services and keeps them in step
 * (the library's selection is what the viewer shows; the selected run's marks are what the timeline shows).
 */
public final class WorkbenchViewModel {
    private final Services services;
    private final BackgroundWork work;
    private final NotificationsViewModel notifications = new NotificationsViewModel();
    private final LibraryViewModel library;
    private final ViewerViewModel viewer;
    private final HistoryViewModel history = new HistoryViewModel();
    private final EngineViewModel engine;
    private final EngineSettingsViewModel engineSettings;
    private final AskViewModel ask;
    private final SessionViewModel session;
    private final LabViewModel lab;
    private final LabModels labModels;
    private final InvalidationListener marksChanged = o -> showMarks();
    private RunViewModel marked;

    public WorkbenchViewModel(Services services) {
        this.services = services;
        this.work = new BackgroundWork(services.background(), services.fxThread());
        library = new LibraryViewModel(work, services.media(), notifications);
        viewer = new ViewerViewModel(services.media(), services.background(), services.fxThread(), new FxPlaybackClock(),
                notifications);
        engine = new EngineViewModel(work, services.backends(), services.servers(), services.settings(), notifications);
        engineSettings = new EngineSettingsViewModel(services.settings(), engine);
        ask = new AskViewModel(work, services.fxThread(), services.clock(), engine, viewer, history, notifications,
                new RequestFactory(), services.outliner(), services.presets(), services.background(),
                services.debouncer(), services.estimates());
        session = new SessionViewModel(services.sessions(), work, services.clock(), services.settings(), notifications,
                library, history, viewer, services.outliner(), services.fxThread());
        labModels = new LabModels(services.backends(), services.servers());
        lab = new LabViewModel(new LabSources(engine.backendProperty()::get, engine::modelInfo, viewer.shownMediaProperty()::get,
                library::items, library::find, LabRunner.background(work, services.fxThread()), labModels::open, services.clock(),
                new LabTemplates(services.presets())),
                history, notifications, services.outliner(), ask.params(), session::labsChanged);
        session.attachLabs(lab);
        library.selectedProperty().addListener((obs, old, item) -> viewer.mediaProperty().set(item));
        history.selectedProperty().addListener((obs, old, run) -> selectRun(run));
        ask.params().savedSystemPromptProperty().set(services.settings().systemPrompt());
        ask.params().savedSystemPromptProperty().addListener((obs, old, text) -> {
            try {
                services.settings().setSystemPrompt(text);
            } catch (IllegalArgumentException e) {
                notifications.error("Could not keep the system prompt", e);
            }
        });
        viewer.shownMediaProperty().addListener(marksChanged);
        viewer.shownMediaProperty().addListener((obs, old, item) -> {
            if (item != null) services.settings().addRecentMedia(item.path());
        });
    }

    public Services services() {
        return services;
    }

    public BackgroundWork work() {
        return work;
    }

    public NotificationsViewModel notifications() {
        return notifications;
    }

    public LibraryViewModel library() {
        return library;
    }

    public ViewerViewModel viewer() {
        return viewer;
    }

    public HistoryViewModel history() {
        return history;
    }

    /** The embedded engine's settings (device, precision, context length). */
    public EngineSettingsViewModel engineSettings() {
        return engineSettings;
    }

    public EngineViewModel engine() {
        return engine;
    }

    public AskViewModel ask() {
        return ask;
    }

    public SessionViewModel session() {
        return session;
    }

    /** The prompt lab (its own window). */
    public LabViewModel lab() {
        return lab;
    }

    /**
     * Files from the command line, the desktop's "Open with" or a later launch: a session file opens (the
     * first one given), media is added to the session and selected.
     */
    public void openFiles(List<Path> files) {
        files.stream().filter(FileSessionStore::isSessionFile).findFirst().ifPresent(session::open);
        List<Path> media = files.stream().filter(f -> !FileSessionStore.isSessionFile(f)).toList();
        if (!media.isEmpty()) library.add(media);
    }

    /** Writes the session as HTML (with frame thumbnails), Markdown or JSON lines, chosen by the file's extension. */
    public void export(Path target) {
        var document = session.document();
        work.submit("Exporting " + target.getFileName(), () -> {
            SessionExport.write(document, target, services.media()::open);
            return target;
        }, done -> notifications.info("Exported the session to " + done), error -> notifications.error("Could not export the session", error));
    }

    public AppSettings settings() {
        return services.settings();
    }

    private void selectRun(RunViewModel run) {
        if (marked != null) {
            marked.outlineProperty().removeListener(marksChanged);
            marked.frames().removeListener(marksChanged);
            marked.resultProperty().removeListener(marksChanged);
        }
        marked = run;
        if (run != null) {
            run.outlineProperty().addListener(marksChanged);
            run.frames().addListener(marksChanged);
            run.resultProperty().addListener(marksChanged);
            MediaItem media = run.spec().media() == null ? null : library.find(run.spec().media());
            if (media != null && media != library.selectedProperty().get()) library.selectedProperty().set(media);
        }
        showMarks();
    }

    private void showMarks() {
        RunViewModel run = marked;
        // A run's marks belong to its media: another clip on screen shows none of them.
        MediaItem shown = viewer.shownMediaProperty().get();
        if (run == null || run.spec().media() != null && (shown == null || !shown.path().equals(run.spec().media()))) {
            viewer.showRunMarks(List.of(), List.of(), List.of(), List.of());
            return;
        }
        List<Double> evidence = run.frameEvidence();
        var references = run.outline().references();
        viewer.showRunMarks(run.frames(), references.stream().filter(r -> !r.isRange()).map(ReasoningOutline.Reference::seconds).toList(),
                evidence, onMedia(run, run.outline().boxes()));
        viewer.showReferenceRanges(references.stream().filter(ReasoningOutline.Reference::isRange)
                .map(r -> new double[]{r.seconds(), r.endSeconds()}).toList());
    }

    /**
     * Grounding coordinates are what the run's model family writes (CoordinateSpace): Qwen2.5-VL pixels of the
     * picture it saw (after smart_resize, as the engine reports it), Qwen3-VL 0–1000 per axis; the viewer draws on
     * the media's own size. Nothing is placed where a size it needs is unknown.
     */
    private List<GroundingBox> onMedia(RunViewModel run, List<GroundingBox> boxes) {
        MediaItem media = run.spec().media() == null ? null : library.find(run.spec().media());
        if (boxes.isEmpty() || media == null || media.info() == null) return List.of();
        ModelInfo model = run.model();
        CoordinateSpace space = model == null ? CoordinateSpace.RESIZED_PIXELS
                : CoordinateSpace.ofModel(model.name(), model.location());
        return placeOnMedia(boxes, space, run.modelInputSize(), media.info().displayWidth(),
                media.info().displayHeight());
    }

    /**
     * {@code boxes} as the model wrote them in {@code space}, in pixels of a {@code width} × {@code height} picture;
     * {@code modelInput} is the {height, width} the model saw, needed for pixels only (none placed without it).
     */
    static List<GroundingBox> placeOnMedia(List<GroundingBox> boxes, CoordinateSpace space, int[] modelInput,
                                           int width, int height) {
        if (modelInput == null && space == CoordinateSpace.RESIZED_PIXELS) return List.of();
        int modelWidth = modelInput == null ? 0 : modelInput[1];
        int modelHeight = modelInput == null ? 0 : modelInput[0];
        return boxes.stream().map(b -> b.map(x -> space.toPixels(x, modelWidth, width),
                y -> space.toPixels(y, modelHeight, height))).toList();
    }

    /** Stops background work and releases the model (window closing). */
    public void shutdown() {
        ask.stop();
        lab.cancel();
        work.cancelAll();
        session.close();
        ask.preview().close();
        engine.close();
        labModels.closeAll();
        services.settings().flush();
    }
}
