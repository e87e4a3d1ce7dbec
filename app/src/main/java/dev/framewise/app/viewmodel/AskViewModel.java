package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.FxGenerationListener;
import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.RenderedPrompt;

import java.time.Clock;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The question box: what to ask, with which parameters, about the media in the viewer. Asking starts a
 * run in the history and generates off the FX thread; Stop cancels it at the next token.
 */
public final class AskViewModel {
    public enum State { NO_MODEL, READY, GENERATING, STOPPING }

    private final BackgroundWork work;
    private final Executor fxThread;
    private final Clock clock;
    private final EngineViewModel engine;
    private final ViewerViewModel viewer;
    private final HistoryViewModel history;
    private final NotificationsViewModel notifications;
    private final RequestFactory requests;
    private final ReasoningOutliner outliner;
    private final ParamsViewModel params = new ParamsViewModel();
    private final StringProperty question = new SimpleStringProperty("");
    private final StringProperty templateName = new SimpleStringProperty();
    private final BooleanProperty includeMedia = new SimpleBooleanProperty(true);
    private final BooleanProperty followUp = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NO_MODEL);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final List<PromptPreset> allPresets;
    private final ObservableList<PromptPreset> presets = FXCollections.observableArrayList();
    private final CostPreviewViewModel preview;
    private CancellationToken cancel;

    public AskViewModel(BackgroundWork work, Executor fxThread, Clock clock, EngineViewModel engine, ViewerViewModel viewer,
                        HistoryViewModel history, NotificationsViewModel notifications, RequestFactory requests,
                        ReasoningOutliner outliner, List<PromptPreset> presets) {
        this(work, fxThread, clock, engine, viewer, history, notifications, requests, outliner, presets, Runnable::run,
                Debouncer.immediate(), CostEstimates.NONE);
    }

    /**
     * With a cost preview: {@code estimates} works out each question's cost on {@code background} once
     * {@code debouncer} lets a burst of changes settle.
     */
    public AskViewModel(BackgroundWork work, Executor fxThread, Clock clock, EngineViewModel engine, ViewerViewModel viewer,
                        HistoryViewModel history, NotificationsViewModel notifications, RequestFactory requests,
                        ReasoningOutliner outliner, List<PromptPreset> presets, Executor background,
                        Debouncer debouncer, CostEstimates estimates) {
        this.outliner = outliner;
        this.work = work;
        this.fxThread = fxThread;
        this.clock = clock;
        this.engine = engine;
        this.viewer = viewer;
        this.history = history;
        this.notifications = notifications;
        this.requests = requests;
        this.allPresets = List.copyOf(presets);
        showPresetsFor(params.conventionProperty().get());
        params.conventionProperty().addListener((obs, old, convention) -> showPresetsFor(convention));
        // A cleared box starts a question of the user's own, no longer based on a template.
        question.addListener((obs, old, text) -> {
            if (text.isBlank()) templateName.set(null);
        });
        // Another run selected ends a follow-up unless it can be followed up too (the new run streaming keeps it).
        history.selectedProperty().addListener((obs, old, run) -> {
            if (run == null || run.state() != RunViewModel.State.STREAMING && !followable(run)) followUp.set(false);
        });
        engine.backendProperty().addListener((obs, old, backend) -> {
            if (backend != null) params.useConvention(backend.convention()); // the family's defaults and templates
            if (state.get() == State.NO_MODEL || state.get() == State.READY) {
                state.set(backend == null ? State.NO_MODEL : State.READY);
            }
        });
        preview = new CostPreviewViewModel(background, fxThread, debouncer, estimates, this::settings,
                spec -> requests.build(spec, params.conventionProperty().get()),
                () -> {
                    MediaItem shown = viewer.shownMediaProperty().get();
                    return shown != null && shown.isVideo() ? viewer.durationProperty().get() : 0;
                }, this::applyChange, params.conventionProperty()::get, request -> {
                    InferenceBackend backend = engine.backendProperty().get();
                    return backend == null ? CachedWork.NONE : backend.cachedWork(request);
                }, () -> {
                    // measured on the torch thread: not while a question runs (the preview asks again later)
                    InferenceBackend backend = engine.backendProperty().get();
                    return backend == null || state.get() != State.READY ? OptionalDouble.empty()
                            : backend.prefillKernelFlopsPerSecond();
                });
        engine.modelFolderProperty().addListener((obs, old, folder) -> preview.modelChanged(folder));
        InvalidationListener changed = o -> preview.settingsChanged();
        for (Observable setting : List.of(question, includeMedia, params.fpsProperty(), params.maxPixelsProperty(),
                params.maxTokensProperty(), params.reasoningFormatProperty(), viewer.shownMediaProperty(),
                viewer.clipEnabledProperty(), viewer.clipStartProperty(), viewer.clipEndProperty(),
                // a follow-up is estimated with its conversation, which exists once the run it follows is done
                followUp, state, history.selectedProperty())) {
            setting.addListener(changed);
        }
    }

    /** The cost preview of the question as set up now. */
    public CostPreviewViewModel preview() {
        return preview;
    }

    public StringProperty questionProperty() {
        return question;
    }

    /** Whether the question is about the media in the viewer (off: a text-only question). */
    public BooleanProperty includeMediaProperty() {
        return includeMedia;
    }

    public ParamsViewModel params() {
        return params;
    }

    /** The question templates for the loaded model's family (every family's own and the general ones). */
    public ObservableList<PromptPreset> presets() {
        return presets;
    }

    private void showPresetsFor(PromptConvention convention) {
        presets.setAll(allPresets.stream().filter(p -> p.suits(convention)).toList());
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /**
     * Whether Ask continues the selected run's conversation (a follow-up about the same media, the model shown the
     * earlier questions and answers) instead of asking a new question about the media in the viewer.
     */
    public BooleanProperty followUpProperty() {
        return followUp;
    }

    /** True when the selected run can be followed up: it ended with an answer (complete or stopped). */
    public BooleanBinding canFollowUpBinding() {
        return Bindings.createBooleanBinding(() -> followable(history.selected()), history.selectedProperty(), state);
    }

    /**
     * The running question's preparation stage with its counts ("reading the prompt: 1,024 of 14,494 prompt tokens
     * 7%", from the engine's progress), empty once tokens flow and between runs.
     */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True when Ask would start a run: a model is ready, nothing is generating, and there is a question. */
    public BooleanBinding canAskBinding() {
        return Bindings.createBooleanBinding(() -> state.get() == State.READY && !question.get().isBlank()
                && (!followUp.get() || followable(history.selected())), state, question, followUp, history.selectedProperty());
    }

    /** Turns follow-up on for the selected run, if it can be followed up. */
    public void startFollowUp() {
        if (followable(history.selected())) followUp.set(true);
    }

    private static boolean followable(RunViewModel run) {
        return run != null && run.spec() != null && (run.state() == RunViewModel.State.DONE
                || run.state() == RunViewModel.State.CANCELLED && !RequestFactory.answerShown(run.text()).isBlank());
    }

    /** Fills the question box with a preset (remembered on the run as its template). */
    public void usePreset(PromptPreset preset) {
        question.set(preset.prompt());
        templateName.set(preset.title());
    }

    public void ask() {
        if (state.get() != State.READY || question.get().isBlank()) return;
        RunSpec spec = specFor(question.get().strip());
        if (spec == null) return;
        start(spec);
        question.set("");
    }

    /**
     * Shows the prompt the next question would send, as the model reads it, with its token count (the question box's
     * text, or a stand-in while it is empty); reading it encodes the media through the engine's vision cache.
     */
    public void showPrompt(Consumer<RenderedPrompt> shown) {
        InferenceBackend backend = engine.backendProperty().get();
        if (backend == null || state.get() != State.READY) return;
        RunSpec spec = specFor(question.get().isBlank() ? "(your question)" : question.get().strip());
        if (spec == null) return;
        GenerationRequest request = requests.build(spec, backend.convention());
        work.submit("Reading the prompt", () -> backend.renderedPrompt(request), shown::accept,
                error -> notifications.error("Could not show the prompt", error));
    }

    /**
     * What asking {@code text} now would run: a new question about the media in the viewer, or, in follow-up mode,
     * the next question of the selected run's conversation; null (with a notification) for bad parameters.
     */
    private RunSpec specFor(String text) {
        try {
            return buildSpec(text);
        } catch (IllegalArgumentException e) {
            notifications.error("Check the parameters", e);
            return null;
        }
    }

    /** As {@link #specFor}, throwing for bad parameters; null where a follow-up cannot be asked. */
    private RunSpec buildSpec(String text) {
        if (followUp.get()) {
            RunViewModel previous = history.selected();
            if (!followable(previous)) return null;
            return previous.spec().followedBy(previous.id(), RequestFactory.answerShown(previous.text()), text,
                    params.toGenerationParams(), templateName.get());
        }
        MediaItem media = includeMedia.get() ? viewer.shownMediaProperty().get() : null;
        boolean clip = viewer.clipEnabledProperty().get() && media != null && media.isVideo();
        return new RunSpec(text, media == null ? null : media.path(),
                clip ? viewer.clipStartProperty().get() : null, clip ? viewer.clipEndProperty().get() : null,
                params.toGenerationParams(), media != null && media.isVideo() ? params.fpsProperty().get() : null,
                params.maxPixelsOverride(), params.reasoningFormatProperty().get(), templateName.get(),
                params.systemPromptOverride(), null);
    }

    /**
     * What the preview estimates: the settings as they are, or null while a parameter is invalid. An empty box is
     * estimated as a one-word question: before typing, what the media will cost is the point.
     */
    private RunSpec settings() {
        try {
            return buildSpec(question.get().isBlank() ? "?" : question.get().strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A cheaper setting from the preview, put in place in the parameters and the viewer's clip. */
    private void applyChange(CheaperSettings.Change change) {
        if (change.fps() != null) params.fpsProperty().set(change.fps());
        if (change.maxPixels() != null) params.maxPixelsProperty().set(change.maxPixels());
        if (change.clipStart() != null && change.clipEnd() != null) {
            viewer.clipStartProperty().set(change.clipStart());
            viewer.clipEndProperty().set(change.clipEnd());
            viewer.clipEnabledProperty().set(true);
        }
    }

    /** Asks the same again; with {@code sameSeed} the sampling repeats exactly. */
    public void rerun(RunViewModel run, boolean sameSeed) {
        if (state.get() != State.READY) return;
        start(sameSeed ? run.spec().withSeed(run.usedSeed()) : run.spec());
    }

    /** Puts a run's question and parameters back into the box to change them before asking again. */
    public void edit(RunViewModel run) {
        followUp.set(false);
        question.set(run.spec().question());
        params.load(run.spec());
        templateName.set(run.spec().templateName());
    }

    public void stop() {
        if (state.get() == State.GENERATING && cancel != null) {
            cancel.cancel();
            state.set(State.STOPPING);
        }
    }

    private void start(RunSpec spec) {
        InferenceBackend backend = engine.backendProperty().get();
        GenerationRequest request = requests.build(spec, backend.convention());
        RunViewModel run = new RunViewModel(UUID.randomUUID().toString(), clock.instant(), spec, request, engine.modelInfo(),
                outliner, System::nanoTime);
        run.setBackend(backend.describe());
        if (preview.stateProperty().get() == CostPreviewViewModel.State.READY) {
            run.setEstimate(preview.estimateProperty().get()); // the preview shows this very spec once settled
        }
        history.started(run);
        CancellationToken token = new CancellationToken();
        cancel = token;
        state.set(State.GENERATING);
        progress.bind(run.stageProperty());
        FxGenerationListener listener = new FxGenerationListener(fxThread, run);
        work.submit("Generating", () -> backend.generate(request, listener, token), result -> {
            run.finished(result);
            preview.refine(request, result.timings());
            ended(run);
        }, error -> {
            run.failed(NotificationsViewModel.plainMessage("The model could not answer", error));
            notifications.error("The model could not answer", error);
            ended(run);
        }, this::stop);
    }

    private void ended(RunViewModel run) {
        progress.unbind();
        progress.set("");
        cancel = null;
        state.set(engine.backendProperty().get() == null ? State.NO_MODEL : State.READY);
        history.finished(run);
    }
}
