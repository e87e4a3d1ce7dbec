package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The parameters popover: sampling and video frame sampling start at the loaded model family's prompt convention
 * (the same as {@code framewise ask}'s; Cosmos-Reason1's until a model is loaded), and whether the reasoning format
 * is asked for. A family whose sampling differs with and without the reasoning format (Cosmos-Reason2) switches
 * with the check box while the fields still hold the family's values. A null seed draws a fresh one per run. The
 * per-frame pixel cap shows the family's qwen-vl-utils ceiling; left there, the convention's total budget decides
 * the frame size, exactly as for {@code ask --video} without {@code --max-pixels}.
 */
public final class ParamsViewModel {
    static final PromptConvention CONVENTION = PromptConvention.COSMOS_REASON1;
    static final int DEFAULT_MAX_PIXELS = CONVENTION.video().frameCap();

    private final DoubleProperty temperature = new SimpleDoubleProperty();
    private final DoubleProperty topP = new SimpleDoubleProperty();
    private final IntegerProperty maxTokens = new SimpleIntegerProperty();
    private final ObjectProperty<Long> seed = new SimpleObjectProperty<>();
    private final DoubleProperty fps = new SimpleDoubleProperty(CONVENTION.video().fps());
    private final IntegerProperty maxPixels = new SimpleIntegerProperty(DEFAULT_MAX_PIXELS);
    private final BooleanProperty reasoningFormat = new SimpleBooleanProperty(true);
    private final BooleanProperty evidence = new SimpleBooleanProperty(false);
    private final StringProperty systemPrompt = new SimpleStringProperty(CONVENTION.reasoningSystemPrompt());
    private final StringProperty savedSystemPrompt = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<PromptConvention> convention = new ReadOnlyObjectWrapper<>(CONVENTION);
    private final ReadOnlyStringWrapper reasoningLabel = new ReadOnlyStringWrapper(reasoningLabel(CONVENTION));
    private GenerationParams base = CONVENTION.sampling();

    public ParamsViewModel() {
        show(CONVENTION.sampling());
        // The family's prompt differs with and without the reasoning format: an untouched one follows the switch.
        reasoningFormat.addListener((obs, old, on) -> {
            if (systemPrompt.get().strip().equals(familySystemPrompt(old))) systemPrompt.set(defaultSystemPrompt());
            if (shows(convention.get().sampling(old))) show(convention.get().sampling(on));
        });
        savedSystemPrompt.addListener((obs, old, saved) -> {
            if (systemPrompt.get().strip().equals(old == null || old.isBlank() ? familySystemPrompt(reasoningFormat.get()) : old.strip())) {
                systemPrompt.set(defaultSystemPrompt());
            }
        });
    }

    /** The prompt convention the fields follow: the loaded model family's. */
    public ReadOnlyObjectProperty<PromptConvention> conventionProperty() {
        return convention.getReadOnlyProperty();
    }

    /** What the reasoning check box says: the family's reasoning format in a few words. */
    public ReadOnlyStringProperty reasoningLabelProperty() {
        return reasoningLabel.getReadOnlyProperty();
    }

    /**
     * Follows another model family: its sampling (for the current reasoning setting), video frame rate, frame cap
     * and, where the user has not edited it, its system prompt. Nothing changes for the same convention, so
     * reloading a model of the same family keeps what the user set.
     */
    public void useConvention(PromptConvention next) {
        PromptConvention old = convention.get();
        if (next == null || next.equals(old)) return;
        boolean untouchedPrompt = systemPrompt.get().strip().equals(familySystemPrompt(reasoningFormat.get()));
        convention.set(next);
        reasoningLabel.set(reasoningLabel(next));
        show(next.sampling(reasoningFormat.get()));
        fps.set(next.video().fps());
        maxPixels.set(next.video().frameCap());
        if (untouchedPrompt) systemPrompt.set(defaultSystemPrompt());
    }

    private static String reasoningLabel(PromptConvention c) {
        return c.formatPlace() == PromptConvention.FormatPlace.SYSTEM_PROMPT
                ? "Ask for <think> reasoning, then <answer>"
                : "Ask for <think> reasoning (the answer follows </think>)";
    }

    /** Whether the sampling fields still hold {@code params}' values (the user has not changed them). */
    private boolean shows(GenerationParams params) {
        return temperature.get() == params.temperature() && topP.get() == params.topP()
                && maxTokens.get() == params.maxTokens() && base.topK() == params.topK()
                && base.presencePenalty() == params.presencePenalty();
    }

    /**
     * The system prompt of the next question, as edited; it starts as the user's saved default, else the family's
     * (the prompt convention's, which asks for the reasoning format; none without it, so that the chat template's
     * applies).
     */
    public StringProperty systemPromptProperty() {
        return systemPrompt;
    }

    /** The user's own default system prompt (kept in the settings), or empty for the family's. */
    public StringProperty savedSystemPromptProperty() {
        return savedSystemPrompt;
    }

    /** The family's system prompt for the current reasoning setting ("" for the chat template's). */
    public String familySystemPrompt() {
        return familySystemPrompt(reasoningFormat.get());
    }

    private String familySystemPrompt(boolean reasoning) {
        PromptConvention c = convention.get();
        return reasoning ? c.reasoningSystemPrompt() : c.plainSystemPrompt() == null ? "" : c.plainSystemPrompt();
    }

    private String defaultSystemPrompt() {
        String saved = savedSystemPrompt.get();
        return saved == null || saved.isBlank() ? familySystemPrompt() : saved.strip();
    }

    /** Back to the family's system prompt. */
    public void useFamilySystemPrompt() {
        systemPrompt.set(familySystemPrompt());
    }

    /** Keeps the edited system prompt as the default for later questions (the family's when it is the family's). */
    public void keepSystemPromptAsDefault() {
        String text = systemPrompt.get().strip();
        savedSystemPrompt.set(text.equals(familySystemPrompt()) ? "" : text);
    }

    /**
     * The system prompt to send, or null for the family's: an untouched or empty editor asks exactly as
     * {@code framewise ask --prompt} does. With the reasoning format, a prompt of the user's that does not ask for
     * {@code <think>} gets the format instruction appended (the convention's rule).
     */
    public String systemPromptOverride() {
        String text = systemPrompt.get() == null ? "" : systemPrompt.get().strip();
        return text.isEmpty() || text.equals(familySystemPrompt()) ? null : text;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }

    public ObjectProperty<Long> seedProperty() {
        return seed;
    }

    public DoubleProperty fpsProperty() {
        return fps;
    }

    public IntegerProperty maxPixelsProperty() {
        return maxPixels;
    }

    /** The per-frame pixel cap the user chose, or null where it is still the convention's (see the class note). */
    public Integer maxPixelsOverride() {
        return maxPixels.get() == defaultMaxPixels() ? null : maxPixels.get();
    }

    /** The per-frame pixel cap shown while the convention's budget decides: the family's ceiling. */
    public int defaultMaxPixels() {
        return convention.get().video().frameCap();
    }

    public BooleanProperty reasoningFormatProperty() {
        return reasoningFormat;
    }

    /** Frame evidence: the answer's attention share per frame group, drawn as the timeline's heat strip. */
    public BooleanProperty evidenceProperty() {
        return evidence;
    }

    /** Generation parameters from the fields (validated by GenerationParams: a bad value throws with a message). */
    public GenerationParams toGenerationParams() {
        return base.toBuilder().maxTokens(maxTokens.get()).temperature(temperature.get()).topP(topP.get())
                .seed(seed.get()).evidence(evidence.get()).build();
    }

    /** Puts a run's parameters back into the fields (edit and re-run). */
    public void load(RunSpec spec) {
        show(spec.params());
        if (spec.fps() != null) fps.set(spec.fps());
        maxPixels.set(spec.maxPixels() != null ? spec.maxPixels() : defaultMaxPixels());
        reasoningFormat.set(spec.reasoningFormat());
        systemPrompt.set(spec.systemPrompt() != null ? spec.systemPrompt() : familySystemPrompt());
    }

    private void show(GenerationParams params) {
        base = params;
        temperature.set(params.temperature());
        topP.set(params.topP());
        maxTokens.set(params.maxTokens());
        seed.set(params.seed());
        evidence.set(params.evidence());
    }
}
