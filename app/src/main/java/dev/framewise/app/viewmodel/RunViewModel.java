package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.VisionGrid;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One question and its answer as it streams in (or as it was saved). Receives generation callbacks on the
 * FX thread (through {@code FxGenerationListener}); the reasoning panel and the timeline bind to it.
 */
public final class RunViewModel implements GenerationListener {
    public enum State {
        STREAMING, DONE, CANCELLED, FAILED;

        /**
         * How a run that ended shows, live or reopened from its session: a cancelled run and one whose stream broke
         * off (incomplete) both show as stopped.
         */
        public static State of(RunStatus status) {
            return switch (status) {
                case COMPLETE -> DONE;
                case CANCELLED, INCOMPLETE -> CANCELLED;
                case FAILED -> FAILED;
            };
        }
    }

    private final RunSpec spec;
    private CostEstimate estimate; // set once, on the FX thread, before the run starts
    private final String id;
    private final Instant created;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final StringBuilder text = new StringBuilder();
    private final List<TokenEvent> tokens = new ArrayList<>();
    private final ReadOnlyStringWrapper textProperty = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STREAMING);
    private final ReadOnlyStringWrapper stage = new ReadOnlyStringWrapper("");
    private final ObservableList<FrameRef> frames = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper firstTokenMs = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper firstTokenSplit = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper promptReuse = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper tokensPerSecond = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyDoubleWrapper totalMs = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<GenerationResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ReasoningOutline> outline = new ReadOnlyObjectWrapper<>(ReasoningOutline.EMPTY);
    private final ReasoningOutliner outliner;
    private long firstTokenNanos;
    private String backend = "";
    private final GenerationRequest request;
    private final ModelInfo model;
    private Run saved;

    /** A run that is about to start now. */
    public RunViewModel(String id, Instant created, RunSpec spec, GenerationRequest request, ModelInfo model,
                        ReasoningOutliner outliner, LongSupplier nanoClock) {
        this.request = request;
        this.model = model;
        this.outliner = outliner;
        this.id = id;
        this.created = created;
        this.spec = spec;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** A finished run read back from a session. */
    public static RunViewModel restored(Run saved, RunSpec spec, ReasoningOutliner outliner, State state, String text,
                                        List<TokenEvent> tokens, List<FrameRef> frames, Timings timings, String error) {
        RunViewModel run = new RunViewModel(saved.id(), saved.created(), spec, null, saved.model(), outliner, () -> 0L);
        run.saved = saved;
        run.backend = saved.backend();
        run.text.append(text);
        run.textProperty.set(text);
        run.tokens.addAll(tokens);
        run.frames.setAll(frames);
        run.state.set(state);
        run.error.set(error == null ? "" : error);
        if (timings != null) run.showTimings(timings);
        run.reoutline();
        return run;
    }

    public String id() {
        return id;
    }

    public Instant created() {
        return created;
    }

    /** The cost preview's estimate shown when the run was asked; null when there was none. */
    public CostEstimate estimate() {
        return estimate;
    }

    public void setEstimate(CostEstimate costEstimate) {
        this.estimate = costEstimate;
    }

    public RunSpec spec() {
        return spec;
    }

    /**
     * The {height, width} of the picture the model saw of the run's media, as the engine reported it (a restored
     * video run: as its session recorded it); grounding coordinates are pixels of it. Null where it is unknown.
     */
    public int[] modelInputSize() {
        GenerationResult done = result.get();
        if (done != null && !done.vision().isEmpty()) {
            VisionGrid grid = done.vision().get(0);
            return new int[] {grid.resizedHeight(), grid.resizedWidth()};
        }
        FrameSampling sampling = saved == null ? null : saved.sampling();
        if (sampling != null && sampling.resizedHeight() != null && sampling.resizedWidth() != null) {
            return new int[] {sampling.resizedHeight(), sampling.resizedWidth()};
        }
        return null;
    }

    public ReadOnlyStringProperty textProperty() {
        return textProperty.getReadOnlyProperty();
    }

    public String text() {
        return textProperty.get();
    }

    /** The tokens so far, in order; their texts concatenate to {@link #text()}. */
    public List<TokenEvent> tokens() {
        return List.copyOf(tokens);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** The preparation stage being worked on ("decoding frames 40%"), empty once tokens flow. */
    public ReadOnlyStringProperty stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ObservableList<FrameRef> frames() {
        return frames;
    }

    /**
     * Time to first token: from the request to the first generated token, with media reading, vision encoding
     * and prefill included; the same during a run (measured here) and after it or reopened (from the engine's
     * timings). NaN until a token came (a run stopped before one has none).
     */
    public ReadOnlyDoubleProperty firstTokenMsProperty() {
        return firstTokenMs.getReadOnlyProperty();
    }

    /** Where the time to first token went ("vision 1.20 s · prefill 0.80 s · first token 0.05 s"), once the run ended. */
    public ReadOnlyStringProperty firstTokenSplitProperty() {
        return firstTokenSplit.getReadOnlyProperty();
    }

    /**
     * How much of the prompt the engine found already read ("812 of 830 prompt tokens reused"): a follow-up or a
     * second question about the same media; empty when none was or the backend does not say.
     */
    public ReadOnlyStringProperty promptReuseProperty() {
        return promptReuse.getReadOnlyProperty();
    }

    /** Whether this run continues an earlier run's conversation. */
    public boolean isFollowUp() {
        return spec.isFollowUp();
    }

    public ReadOnlyDoubleProperty tokensPerSecondProperty() {
        return tokensPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty totalMsProperty() {
        return totalMs.getReadOnlyProperty();
    }

    /** Steps, answer, references and boxes found in the text so far. */
    public ReadOnlyObjectProperty<ReasoningOutline> outlineProperty() {
        return outline.getReadOnlyProperty();
    }

    public ReasoningOutline outline() {
        return outline.get();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The engine's full result, once finished in this session (null for restored or failed runs). */
    public ReadOnlyObjectProperty<GenerationResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /**
     * The answer's attention share per frame shown, in the order of {@link #frames()}: from the result, or as the
     * session saved it; empty for a run asked without frame evidence.
     */
    public List<Double> frameEvidence() {
        if (result.get() != null) return result.get().frameEvidence();
        return saved != null && saved.outcome() != null ? saved.outcome().frameEvidence() : List.of();
    }

    /** The seed that reproduces this run: the one the engine reported, else the one asked for. */
    public Long usedSeed() {
        return result.get() != null ? Long.valueOf(result.get().seed()) : spec.params().seed();
    }

    /** The backend that answered ("Qwen2.5-VL on CPU (fp32)"). */
    public String backend() {
        return backend;
    }

    public void setBackend(String description) {
        backend = description;
    }

    /** The conversation sent to the engine (null for a run read back from a session). */
    public GenerationRequest request() {
        return request;
    }

    public ModelInfo model() {
        return model;
    }

    /** The run as a session keeps it: read back, or recorded once it finished (null before). */
    public Run saved() {
        return saved;
    }

    void setSaved(Run record) {
        saved = record;
    }

    public GenerationParams params() {
        return spec.params();
    }

    @Override
    public void onStage(String name, double fraction) {
        stage.set(fraction >= 0 ? name + " " + Math.round(fraction * 100) + "%" : name);
    }

    @Override
    public void onFrames(List<FrameRef> shown) {
        frames.setAll(shown);
        reoutline();
    }

    @Override
    public void onToken(TokenEvent token) {
        onTokens(List.of(token));
    }

    /** The text, timings and outline are updated once per batch: re-outlining per token re-parses the whole text. */
    @Override
    public void onTokens(List<TokenEvent> batch) {
        long now = nanoClock.getAsLong();
        for (TokenEvent token : batch) {
            if (tokens.isEmpty()) {
                firstTokenNanos = now;
                firstTokenMs.set((now - startNanos) / 1e6);
                stage.set("");
            } else if (now > firstTokenNanos) {
                tokensPerSecond.set(tokens.size() * 1e9 / (now - firstTokenNanos));
            }
            tokens.add(token);
            text.append(token.text());
        }
        textProperty.set(text.toString());
        totalMs.set((now - startNanos) / 1e6);
        reoutline();
    }

    /** The engine finished (normally, at max tokens, or cancelled). */
    public void finished(GenerationResult done) {
        result.set(done);
        frames.setAll(done.frames());
        if (!done.text().equals(text.toString())) {
            // A backend that did not stream every piece: the result's text is the truth.
            text.setLength(0);
            text.append(done.text());
            textProperty.set(done.text());
        }
        if (tokens.size() < done.tokens().size()) {
            tokens.clear();
            tokens.addAll(done.tokens());
        }
        boolean timed = done.timings() != null && done.timings().generatedTokens() > 0;
        if (timed) showTimings(done.timings());
        // The total a reopened run shows is its stages' sum (what the session keeps): the same here wherever the
        // engine measured them, so reopening a session changes no figure; else the time the run took.
        if (!timed || !(totalMs.get() > 0)) totalMs.set((nanoClock.getAsLong() - startNanos) / 1e6);
        stage.set("");
        reoutline();
        state.set(State.of(RunStatus.of(done.finishReason())));
    }

    private void reoutline() {
        outline.set(outliner.outline(text.toString(), List.copyOf(frames)));
    }

    public void failed(String message) {
        stage.set("");
        error.set(message);
        state.set(State.FAILED);
    }

    private void showTimings(Timings timings) {
        if (timings.generatedTokens() > 0 && timings.firstTokenMs() > 0) {
            firstTokenMs.set(timeToFirstTokenMs(timings));
            firstTokenSplit.set(split(timings));
        }
        if (timings.decodeTokensPerSecond() > 0) tokensPerSecond.set(timings.decodeTokensPerSecond());
        if (timings.cachedPromptTokens() > 0 && timings.promptTokens() > 0) {
            promptReuse.set(timings.cachedPromptTokens() + " of " + timings.promptTokens() + " prompt tokens reused");
        }
        double total = timings.loadMs() + timings.preprocessMs() + timings.mediaMs() + timings.visionMs()
                + timings.prefillMs() + timings.decodeMs();
        if (total > 0) totalMs.set(total);
    }

    /** The engine's first-token time starts at prefill; the user waited for reading and encoding the media too. */
    static double timeToFirstTokenMs(Timings timings) {
        return timings.timeToFirstTokenMs();
    }

    private static String split(Timings t) {
        List<String> parts = new ArrayList<>();
        if (t.preprocessMs() >= 5) parts.add(seconds("preparing", t.preprocessMs()));
        if (t.mediaMs() > 0) parts.add(seconds("media decode", t.mediaMs()));
        if (t.visionMs() > 0) parts.add(seconds(t.mediaMs() > 0 ? "vision encode" : "vision", t.visionMs()));
        if (t.prefillMs() > 0) parts.add(seconds("prefill", t.prefillMs()));
        parts.add(seconds(t.prefillMs() > 0 ? "first token" : "server", t.firstTokenMs() - t.prefillMs()));
        return String.join(" · ", parts);
    }

    private static String seconds(String what, double ms) {
        return String.format(java.util.Locale.ROOT, "%s %.2f s", what, Math.max(0, ms) / 1000);
    }
}
