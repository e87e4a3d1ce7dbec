package dev.framewise.app.viewmodel;

import dev.framewise.app.task.BackgroundWork;
import dev.framewise.app.task.FxGenerationListener;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

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
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NO_MODEL);
    private final List<PromptPreset> presets;
    private CancellationToken cancel;

    public AskViewModel(BackgroundWork work, Executor fxThread, Clock clock, EngineViewModel engine, ViewerViewModel viewer,
                        HistoryViewModel history, NotificationsViewModel notifications, RequestFactory requests,
                        ReasoningOutliner outliner, List<PromptPreset> presets) {
        this.outliner = outliner;
        this.work = work;
        this.fxThread = fxThread;
        this.clock = clock;
        this.engine = engine;
        this.viewer = viewer;
        this.history = history;
        this.notifications = notifications;
        this.requests = requests;
        this.presets = List.copyOf(presets);
        // A cleared box starts a question of the user's own, no longer based on a template.
        question.addListener((obs, old, text) -> {
            if (text.isBlank()) templateName.set(null);
        });
        engine.backendProperty().addListener((obs, old, backend) -> {
            if (state.get() == State.NO_MODEL || state.get() == State.READY) {
                state.set(backend == null ? State.NO_MODEL : State.READY);
            }
        });
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

    public List<PromptPreset> presets() {
        return presets;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** True when Ask would start a run: a model is ready, nothing is generating, and there is a question. */
    public BooleanBinding canAskBinding() {
        return Bindings.createBooleanBinding(() -> state.get() == State.READY && !question.get().isBlank(), state, question);
    }

    /** Fills the question box with a preset (remembered on the run as its template). */
    public void usePreset(PromptPreset preset) {
        question.set(preset.prompt());
        templateName.set(preset.title());
    }

    public void ask() {
        if (state.get() != State.READY || question.get().isBlank()) return;
        MediaItem media = includeMedia.get() ? viewer.shownMediaProperty().get() : null;
        boolean clip = viewer.clipEnabledProperty().get() && media != null && media.isVideo();
        RunSpec spec;
        try {
            spec = new RunSpec(question.get().strip(), media == null ? null : media.path(),
                    clip ? viewer.clipStartProperty().get() : null, clip ? viewer.clipEndProperty().get() : null,
                    params.toGenerationParams(), media != null && media.isVideo() ? params.fpsProperty().get() : null,
                    params.maxPixelsOverride(), params.reasoningFormatProperty().get(),
                    templateName.get());
        } catch (IllegalArgumentException e) {
            notifications.error("Check the parameters", e);
            return;
        }
        start(spec);
        question.set("");
    }

    /** Asks the same again; with {@code sameSeed} the sampling repeats exactly. */
    public void rerun(RunViewModel run, boolean sameSeed) {
        if (state.get() != State.READY) return;
        start(sameSeed ? run.spec().withSeed(run.usedSeed()) : run.spec());
    }

    /** Puts a run's question and parameters back into the box to change them before asking again. */
    public void edit(RunViewModel run) {
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
        GenerationRequest request = requests.build(spec);
        RunViewModel run = new RunViewModel(UUID.randomUUID().toString(), clock.instant(), spec, request, engine.modelInfo(),
                outliner, System::nanoTime);
        run.setBackend(backend.describe());
        history.started(run);
        CancellationToken token = new CancellationToken();
        cancel = token;
        state.set(State.GENERATING);
        FxGenerationListener listener = new FxGenerationListener(fxThread, run);
        work.submit("Generating", () -> backend.generate(request, listener, token), result -> {
            run.finished(result);
            ended(run);
        }, error -> {
            run.failed(NotificationsViewModel.plainMessage("The model could not answer", error));
            notifications.error("The model could not answer", error);
            ended(run);
        }, this::stop);
    }

    private void ended(RunViewModel run) {
        cancel = null;
        state.set(engine.backendProperty().get() == null ? State.NO_MODEL : State.READY);
        history.finished(run);
    }
}
