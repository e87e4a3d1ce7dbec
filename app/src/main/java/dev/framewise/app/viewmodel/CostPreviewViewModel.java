package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.store.Bytes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cost preview beside the Ask button: what the question as set up now will cost on this machine (frames,
 * vision tokens, prompt tokens, memory, time to the first token), worked out off the FX thread whenever a setting
 * changes (debounced) and shown on the FX thread. When the first token is more than {@link #LONG_SECONDS} away it
 * offers cheaper settings with their own estimates, each applied with one call of {@link #apply}. After a run the
 * calibration is refined with what it measured ({@link #refine}).
 *
 * <p>Threads: {@link #settingsChanged}, {@link #modelChanged}, {@link #refresh} and {@link #apply} on the FX
 * thread; estimating on {@code background}; results back through {@code fxThread}. An answer to older settings
 * than the newest asked is dropped.
 */
public final class CostPreviewViewModel {
    /** An estimate above this many seconds to the first token offers cheaper settings. */
    public static final double LONG_SECONDS = 30;

    public enum State { NO_ESTIMATE, ESTIMATING, READY, FAILED }

    /** A cheaper setting and what the question would cost with it. */
    public record Suggestion(CheaperSettings.Change change, CostEstimate estimate) {
        public String text() {
            return change.label() + " — first token " + seconds(estimate.secondsToFirstToken());
        }
    }

    private final Executor background;
    private final Executor fxThread;
    private final Debouncer debouncer;
    private final CostEstimates estimates;
    private final Supplier<RunSpec> settings;
    private final Function<RunSpec, GenerationRequest> requests;
    private final DoubleSupplier videoSeconds;
    private final Consumer<CheaperSettings.Change> applier;
    private final Supplier<PromptConvention> convention;
    private final Function<GenerationRequest, CachedWork> caches;
    private final Supplier<OptionalDouble> loadedKernel;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NO_ESTIMATE);
    private final ReadOnlyObjectWrapper<CostEstimate> estimate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ObservableList<Suggestion> suggestions = FXCollections.observableArrayList();
    // one read-only view, kept: a fresh one per call listens to the list weakly and may be collected with its listeners
    private final ObservableList<Suggestion> readOnlySuggestions = FXCollections.unmodifiableObservableList(suggestions);
    private final Object lock = new Object();
    private Path folder;                          // the model folder estimated for; null: none (or a server)
    private CostEstimates.Estimator estimator;    // opened on the background thread for folder, guarded by lock
    private Path estimatorFolder;
    private long asked;                           // the newest request's number (FX thread)

    /**
     * @param settings     the question as set up now, or null where none can be built (a bad parameter)
     * @param videoSeconds the length of the video shown (0 for an image or nothing)
     * @param applier      puts a suggested change into the settings (on the FX thread)
     */
    public CostPreviewViewModel(Executor background, Executor fxThread, Debouncer debouncer, CostEstimates estimates,
                                Supplier<RunSpec> settings, Function<RunSpec, GenerationRequest> requests,
                                DoubleSupplier videoSeconds, Consumer<CheaperSettings.Change> applier) {
        this(background, fxThread, debouncer, estimates, settings, requests, videoSeconds, applier,
                () -> PromptConvention.COSMOS_REASON1, request -> CachedWork.NONE);
    }

    /**
     * @param convention the loaded model family's prompt convention (its per-frame pixel cap for the cheaper settings)
     * @param caches     what the loaded model's caches hold for a request (called on {@code background}; it must
     *                   not wait for a run)
     */
    public CostPreviewViewModel(Executor background, Executor fxThread, Debouncer debouncer, CostEstimates estimates,
                                Supplier<RunSpec> settings, Function<RunSpec, GenerationRequest> requests,
                                DoubleSupplier videoSeconds, Consumer<CheaperSettings.Change> applier,
                                Supplier<PromptConvention> convention, Function<GenerationRequest, CachedWork> caches) {
        this(background, fxThread, debouncer, estimates, settings, requests, videoSeconds, applier, convention, caches,
                OptionalDouble::empty);
    }

    /**
     * @param loadedKernel the loaded model's own prefill kernel rate, FLOP/s
     *                     ({@link dev.framewise.engine.api.InferenceBackend#prefillKernelFlopsPerSecond}), empty
     *                     where none is loaded or it is busy with a run (called on {@code background}; it must not
     *                     wait for a run)
     */
    public CostPreviewViewModel(Executor background, Executor fxThread, Debouncer debouncer, CostEstimates estimates,
                                Supplier<RunSpec> settings, Function<RunSpec, GenerationRequest> requests,
                                DoubleSupplier videoSeconds, Consumer<CheaperSettings.Change> applier,
                                Supplier<PromptConvention> convention, Function<GenerationRequest, CachedWork> caches,
                                Supplier<OptionalDouble> loadedKernel) {
        this.convention = convention;
        this.caches = caches;
        this.loadedKernel = loadedKernel;
        this.background = background;
        this.fxThread = fxThread;
        this.debouncer = debouncer;
        this.estimates = estimates;
        this.settings = settings;
        this.requests = requests;
        this.videoSeconds = videoSeconds;
        this.applier = applier;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The estimate of the settings as they are, null while there is none. */
    public ReadOnlyObjectProperty<CostEstimate> estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    /** One line: frames, vision tokens, prompt tokens, memory, time to the first token (or why there is none). */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The stages behind the time and where the rates come from, for a tooltip. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Cheaper settings, each with its estimate; empty unless the estimate is over {@link #LONG_SECONDS}. */
    public ObservableList<Suggestion> suggestions() {
        return readOnlySuggestions;
    }

    /** A model folder was loaded (null: none, or a server: no estimate). */
    public void modelChanged(Path modelFolder) {
        folder = modelFolder;
        settingsChanged();
    }

    /** A setting changed: estimate again once the changes settle. */
    public void settingsChanged() {
        debouncer.request(this::refresh);
    }

    /** Estimates the settings as they are now (what the debouncer calls). */
    public void refresh() {
        long number = ++asked;
        RunSpec spec = settings.get();
        Path model = folder;
        if (model == null || spec == null) {
            show(number, State.NO_ESTIMATE, null, model == null ? "" : "no estimate: check the parameters", "",
                    List.of());
            return;
        }
        state.set(State.ESTIMATING);
        double seconds = videoSeconds.getAsDouble();
        PromptConvention family = convention.get();
        background.execute(() -> {
            try {
                CostEstimates.Estimator e = estimatorFor(model);
                if (e == null) {
                    fxThread.execute(() -> show(number, State.NO_ESTIMATE, null, "", "", List.of()));
                    return;
                }
                e.preferLoadedKernel(loadedKernel); // the loaded model's own matrix, as batch and bench take it
                CostEstimate cost = estimate(e, requests.apply(spec));
                List<Suggestion> cheaper = new ArrayList<>();
                if (cost.secondsToFirstToken() > LONG_SECONDS) {
                    for (CheaperSettings.Change change : CheaperSettings.candidates(spec, seconds, family)) {
                        CostEstimate c = estimate(e, requests.apply(change.applyTo(spec)));
                        if (c.secondsToFirstToken() < cost.secondsToFirstToken()) cheaper.add(new Suggestion(change, c));
                    }
                }
                fxThread.execute(() -> show(number, State.READY, cost, summary(cost), detail(cost), cheaper));
            } catch (RuntimeException failure) {
                String why = NotificationsViewModel.plainMessage("no estimate", failure);
                fxThread.execute(() -> show(number, State.FAILED, null, why, "", List.of()));
            }
        });
    }

    /** Only the work that will run: what the loaded model has cached for the request is left out. */
    private CostEstimate estimate(CostEstimates.Estimator e, GenerationRequest request) {
        CachedWork cached;
        try {
            cached = caches.apply(request);
        } catch (RuntimeException unknown) {
            cached = CachedWork.NONE; // a medium that cannot be read: the estimate says why
        }
        return e.estimate(request, cached);
    }

    /** Puts a suggestion's settings in place (the preview then estimates them again). */
    public void apply(Suggestion suggestion) {
        applier.accept(suggestion.change());
        settingsChanged();
    }

    /** Refines the calibration with a finished run's timings (off the FX thread). */
    public void refine(GenerationRequest request, Timings actual) {
        Path model = folder;
        if (model == null || actual == null || request == null) return;
        background.execute(() -> {
            try {
                CostEstimates.Estimator e = estimatorFor(model);
                if (e != null) e.refine(request, actual);
            } catch (RuntimeException ignored) {
                // a calibration that cannot be refined is measured again next time
            }
        });
    }

    /** Closes the estimator (the workbench is closing). */
    public void close() {
        synchronized (lock) {
            if (estimator != null) estimator.close();
            estimator = null;
            estimatorFolder = null;
        }
    }

    private CostEstimates.Estimator estimatorFor(Path model) {
        synchronized (lock) {
            if (estimator != null && model.equals(estimatorFolder)) return estimator;
            if (estimator != null) estimator.close();
            estimator = estimates.open(model);
            estimatorFolder = model;
            return estimator;
        }
    }

    private void show(long number, State newState, CostEstimate cost, String line, String more, List<Suggestion> cheaper) {
        if (number != asked) return; // settings changed since: a newer estimate is on its way
        state.set(newState);
        estimate.set(cost);
        text.set(line);
        detail.set(more);
        suggestions.setAll(cheaper);
    }

    static String summary(CostEstimate e) {
        return String.format(Locale.ROOT, "%,d frames%s · %,d vision tokens · %,d prompt tokens%s · %s · first token %s",
                e.frames(), e.cachedMedia() > 0 ? " (cached)" : "", e.visionTokens(), e.promptTokens(),
                e.reusedPromptTokens() > 0 ? String.format(Locale.ROOT, " (%,d cached)", e.reusedPromptTokens()) : "",
                Bytes.human(e.memoryBytes()), seconds(e.secondsToFirstToken()));
    }

    /** What the loaded model's caches save on this question, or nothing. */
    private static String cachedLine(CostEstimate e) {
        if (e.cachedMedia() == 0 && e.reusedPromptTokens() == 0) return "";
        List<String> parts = new ArrayList<>();
        if (e.cachedMedia() > 0) {
            parts.add(e.cachedMedia() + (e.cachedMedia() == 1 ? " medium's" : " media's") + " vision embeddings");
        }
        if (e.reusedPromptTokens() > 0) {
            parts.add(String.format(Locale.ROOT, "the first %,d prompt tokens", e.reusedPromptTokens()));
        }
        return "cached from an earlier run (not computed again): " + String.join(" and ", parts) + "%n";
    }

    static String detail(CostEstimate e) {
        return String.format(Locale.ROOT, "Estimated before asking, on this machine:%nmedia decode %s · vision encode %s · "
                        + "prefill %s · other %s%n" + cachedLine(e) + "then about %.1f tokens/s%nmemory: weights %s, "
                        + "KV cache %s, vision %s%n%s",
                seconds(e.mediaSeconds()), seconds(e.visionSeconds()), seconds(e.prefillSeconds()),
                seconds(e.overheadSeconds()), e.decodeTokensPerSecond(), Bytes.human(e.weightsBytes()),
                Bytes.human(e.kvCacheBytes()), Bytes.human(e.visionActivationBytes()),
                e.calibratedRuns() == 0 ? "rates from a micro-benchmark; each run refines them"
                        : "rates refined by " + e.calibratedRuns() + " run" + (e.calibratedRuns() == 1 ? "" : "s"));
    }

    /** {@code ≈ 0.42 s}, {@code ≈ 12 s}, {@code ≈ 2 min 5 s}. */
    static String seconds(double s) {
        if (s < 1) return String.format(Locale.ROOT, "≈ %.2f s", s);
        if (s < 10) return String.format(Locale.ROOT, "≈ %.1f s", s);
        if (s < 120) return String.format(Locale.ROOT, "≈ %.0f s", s);
        return String.format(Locale.ROOT, "≈ %d min %d s", (long) s / 60, Math.round(s) % 60);
    }
}
