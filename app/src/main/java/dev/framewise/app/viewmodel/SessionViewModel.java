package dev.framewise.app.viewmodel;

import dev.framewise.app.task.TaskExecutor;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.sessions.media.MediaItems;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunContext;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.model.Runs;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.model.TokenRecord;
import dev.framewise.sessions.model.UiState;
import dev.framewise.sessions.store.Autosaver;
import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.LoadOutcome;
import dev.framewise.sessions.store.SessionStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The session document behind the window: what the library and the history hold, and where the user was.
 * Every change is autosaved (through the sessions module's Autosaver); new, open and save-as switch the
 * file; the last session reopens on the next start. Media are hashed off the FX thread before they are recorded.
 */
public final class SessionViewModel {
    private static final String UNTITLED = "Untitled session";

    private final SessionStore store;
    private final Autosaver autosaver;
    private final TaskExecutor work;
    private final Clock clock;
    private final AppSettings settings;
    private final NotificationsViewModel notifications;
    private final LibraryViewModel library;
    private final HistoryViewModel history;
    private final ViewerViewModel viewer;
    private final ReasoningOutliner outliner;
    private final Map<Path, dev.framewise.sessions.model.MediaItem> mediaRecords = new HashMap<>();
    /** Media being hashed now, so a burst of library changes hashes each file once. */
    private final java.util.Set<Path> hashing = new java.util.HashSet<>();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private Session document;
    private SessionLabs labs = SessionLabs.NONE;

    public SessionViewModel(SessionStore store, TaskExecutor work, Clock clock, AppSettings settings,
                            NotificationsViewModel notifications, LibraryViewModel library, HistoryViewModel history,
                            ViewerViewModel viewer, ReasoningOutliner outliner, java.util.concurrent.Executor fxThread) {
        this.store = store;
        this.work = work;
        this.clock = clock;
        this.settings = settings;
        this.notifications = notifications;
        this.library = library;
        this.history = history;
        this.viewer = viewer;
        this.outliner = outliner;
        this.autosaver = new Autosaver(store, Duration.ofMillis(800), Duration.ofSeconds(5),
                error -> fxThread.execute(() -> notifications.error("Could not save the session", error)));
        library.onChange(this::recordMedia);
        history.onFinished(run -> changed());
        history.selectedProperty().addListener((obs, old, run) -> changed());
        start(Session.create(UNTITLED, clock.instant()), null);
    }

    /** The prompt labs saved with the session and restored when it opens. */
    public void attachLabs(SessionLabs sessionLabs) {
        this.labs = sessionLabs;
    }

    /** A prompt lab changed: autosave. */
    public void labsChanged() {
        changed();
    }

    /** The file the session is saved to. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** "Framewise — Untitled session" for the window title. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Reopens the session of the last start, if its file is still there; otherwise keeps a new one. */
    public void reopenLast() {
        settings.lastSession().filter(Files::isRegularFile).ifPresent(this::open);
    }

    public void newSession() {
        saveNow();
        start(Session.create(UNTITLED, clock.instant()), null);
        library.restore(List.of(), null);
        history.restore(List.of(), null);
        labs.restore(List.of(), id -> null);
    }

    public void open(Path path) {
        saveNow();
        LoadOutcome outcome = store.open(path);
        if (outcome instanceof LoadOutcome.Damaged damaged) {
            notifications.error("Could not open " + path.getFileName(), new dev.framewise.engine.api.EngineException(damaged.explanation(), damaged.error()));
            return;
        }
        LoadOutcome.Loaded loaded = (LoadOutcome.Loaded) outcome;
        autosaver.opened(loaded.file(), loaded.session());
        start(loaded.session(), loaded.file());
        apply(loaded.session());
    }

    public void saveAs(Path path) {
        Path target = FileSessionStore.isSessionFile(path) ? path
                : path.resolveSibling(path.getFileName() + FileSessionStore.EXTENSION);
        document = snapshot().withTitle(titleFor(target));
        file.set(target);
        title.set("Framewise — " + document.title());
        try {
            autosaver.saveNow(target, document);
            rememberFile();
        } catch (RuntimeException e) {
            notifications.error("Could not save the session as " + target.getFileName(), e);
        }
    }

    /** Writes the session now (also on close; an untouched new session leaves no file); errors become notifications. */
    public void saveNow() {
        if (file.get() == null) return;
        try {
            Session session = snapshot();
            if (session.media().isEmpty() && session.runs().isEmpty() && !Files.exists(file.get())) return;
            autosaver.saveNow(file.get(), session);
            rememberFile();
        } catch (RuntimeException e) {
            notifications.error("Could not save the session", e);
        }
    }

    /**
     * The name Save as offers: the session's title, or for an untitled session the first clip's name, made
     * safe as a file name on every desktop.
     */
    public String suggestedFileName() {
        String base = document == null ? UNTITLED : document.title();
        if (UNTITLED.equals(base) && !library.items().isEmpty()) base = titleFor(library.items().get(0).path()) + " session";
        String safe = base.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", " ").replaceAll("\\s+", " ").strip();
        if (safe.length() > 80) safe = safe.substring(0, 80).strip();
        return (safe.isEmpty() || safe.startsWith(".") ? "session" : safe) + FileSessionStore.EXTENSION;
    }

    public Session document() {
        return snapshot();
    }

    public void close() {
        saveNow();
        autosaver.close();
    }

    private void start(Session session, Path path) {
        document = session;
        mediaRecords.clear();
        session.media().forEach(m -> mediaRecords.put(m.file(), m));
        Path target = path != null ? path : store.fileFor(session);
        file.set(target);
        title.set("Framewise — " + (session.title().isBlank() ? UNTITLED : session.title()));
    }

    /** Autosaves; the file becomes "the last session" only once something was written to it. */
    private void changed() {
        if (file.get() == null) return;
        autosaver.request(file.get(), snapshot());
        rememberFile();
    }

    private void rememberFile() {
        if (!settings.lastSession().equals(Optional.of(file.get()))) settings.setLastSession(file.get());
    }

    /** Hashes media the session does not know yet (off the FX thread), then saves. */
    private void recordMedia() {
        for (MediaItem item : library.items()) {
            if (item.info() == null || mediaRecords.containsKey(item.path()) || !hashing.add(item.path())) continue;
            Path path = item.path();
            var info = item.info();
            work.submit("Recording " + item.name(), () -> MediaItems.of(path, p -> info), record -> {
                hashing.remove(path);
                mediaRecords.put(path, record);
                changed();
            }, error -> {
                hashing.remove(path);
                notifications.error("Could not record " + path.getFileName() + " in the session", error);
            });
        }
        changed();
    }

    /** The session as it is now: its media (hashed ones), finished runs, and the selection and viewer position. */
    private Session snapshot() {
        List<dev.framewise.sessions.model.MediaItem> media = new ArrayList<>();
        for (MediaItem item : library.items()) {
            var record = mediaRecords.get(item.path());
            if (record != null) media.add(record);
        }
        Map<Path, String> mediaIds = new HashMap<>();
        media.forEach(m -> mediaIds.put(m.file(), m.id()));
        List<Run> runs = new ArrayList<>();
        for (RunViewModel run : history.runs()) {
            Run record = record(run, mediaIds);
            if (record != null) runs.add(record);
        }
        RunViewModel selectedRun = history.selected();
        MediaItem selectedMedia = library.selectedProperty().get();
        var selectedRecord = selectedMedia == null ? null : mediaRecords.get(selectedMedia.path());
        UiState ui = new UiState(selectedRun == null || selectedRun.saved() == null ? null : selectedRun.id(),
                selectedRecord == null ? null : selectedRecord.id(), viewer.positionProperty().get());
        document = document.withMedia(media).withRuns(runs).withLabs(labs.labs(mediaIds)).withUiState(ui)
                .touched(clock.instant());
        return document;
    }

    /** The session record of a finished run (made once, when first saved); null while it streams or its media is unhashed. */
    private Run record(RunViewModel run, Map<Path, String> mediaIds) {
        if (run.saved() != null) return run.saved();
        if (run.state() == RunViewModel.State.STREAMING || run.request() == null) return null;
        if (run.spec().media() != null && !mediaIds.containsKey(run.spec().media())) return null;
        RunContext context = new RunContext(run.backend(), run.spec().templateName(), null, run.spec().reasoningFormat(),
                run.spec().question(), run.estimate());
        Run record = run.resultProperty().get() != null
                ? Runs.fromResult(run.request(), run.resultProperty().get(), run.model(), context, mediaIds, run.created())
                : Runs.failed(run.request(), run.errorProperty().get(), run.model(), context, mediaIds, run.created());
        record = record.withId(run.id()).withFollowUp(run.spec().followUp());
        run.setSaved(record);
        return record;
    }

    private void apply(Session session) {
        UiState ui = session.uiState();
        Path selectedPath = Optional.ofNullable(ui.selectedMediaId()).flatMap(session::mediaItem)
                .map(dev.framewise.sessions.model.MediaItem::file).orElse(null);
        library.restore(session.media().stream().map(dev.framewise.sessions.model.MediaItem::file).toList(), selectedPath);
        if (selectedPath != null && ui.viewerPositionSeconds() != null) {
            viewer.resumeAt(library.find(Runs.normalise(selectedPath)), ui.viewerPositionSeconds());
        }
        List<RunViewModel> runs = new ArrayList<>();
        RunViewModel selected = null;
        for (Run run : session.runs()) {
            RunViewModel restored = restore(session, run);
            runs.add(restored);
            if (run.id().equals(ui.selectedRunId())) selected = restored;
        }
        history.restore(runs, selected);
        labs.restore(session.labs(), id -> session.mediaItem(id).map(m -> Runs.normalise(m.file())).orElse(null));
    }

    private RunViewModel restore(Session session, Run run) {
        FrameSampling sampling = run.sampling();
        Path media = run.mediaIds().isEmpty() ? null
                : session.mediaItem(run.mediaIds().get(0)).map(m -> Runs.normalise(m.file())).orElse(null);
        RunSpec spec = new RunSpec(run.question(), media, sampling == null ? null : sampling.videoStart(),
                sampling == null ? null : sampling.videoEnd(), run.params().toGenerationParams(),
                sampling == null ? null : sampling.fps(), sampling == null ? null : sampling.maxPixels(),
                run.prompt().reasoningFormat(), run.prompt().templateName(), run.prompt().systemPrompt(), run.followUp());
        var outcome = run.outcome();
        List<TokenEvent> tokens = new ArrayList<>();
        if (outcome != null) {
            int index = 0;
            for (TokenRecord t : outcome.tokens()) {
                tokens.add(new TokenEvent(index++, t.id(), t.text(), t.logprob(),
                        t.top().stream().map(a -> new TokenEvent.TopLogprob(a.id(), a.logprob())).toList()));
            }
        }
        List<FrameRef> frames = sampling == null ? List.of()
                : sampling.frames().stream().map(f -> new FrameRef(f.index(), f.timestampSeconds())).toList();
        return RunViewModel.restored(run, spec, outliner, RunViewModel.State.of(run.status()), outcome == null ? "" : outcome.text(), tokens, frames,
                outcome == null || outcome.timings() == null ? null : outcome.timings().toTimings(),
                run.status() == RunStatus.FAILED ? run.error() : null);
    }

    private static String titleFor(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
