package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The parameters popover: sampling and video frame sampling start at the prompt convention's values (the
 * same as {@code framewise ask}'s), and whether the reasoning format is asked for. A null seed draws a fresh
 * one per run. The per-frame pixel cap shows qwen-vl-utils' own; left there, the convention's total budget
 * decides the frame size, exactly as for {@code ask --video} without {@code --max-pixels}.
 */
public final class ParamsViewModel {
    static final PromptConvention CONVENTION = PromptConvention.COSMOS_REASON1;
    static final double DEFAULT_FPS = CONVENTION.video().fps();
    static final int DEFAULT_MAX_PIXELS = CONVENTION.video().frameCap();

    private final DoubleProperty temperature = new SimpleDoubleProperty();
    private final DoubleProperty topP = new SimpleDoubleProperty();
    private final IntegerProperty maxTokens = new SimpleIntegerProperty();
    private final ObjectProperty<Long> seed = new SimpleObjectProperty<>();
    private final DoubleProperty fps = new SimpleDoubleProperty(DEFAULT_FPS);
    private final IntegerProperty maxPixels = new SimpleIntegerProperty(DEFAULT_MAX_PIXELS);
    private final BooleanProperty reasoningFormat = new SimpleBooleanProperty(true);
    private final BooleanProperty evidence = new SimpleBooleanProperty(false);
    private final StringProperty systemPrompt = new SimpleStringProperty(CONVENTION.reasoningSystemPrompt());
    private final StringProperty savedSystemPrompt = new SimpleStringProperty("");
    private GenerationParams base = CONVENTION.sampling();

    public ParamsViewModel() {
        show(CONVENTION.sampling());
        // The family's prompt differs with and without the reasoning format: an untouched one follows the switch.
        reasoningFormat.addListener((obs, old, on) -> {
            if (systemPrompt.get().strip().equals(familySystemPrompt(old))) systemPrompt.set(defaultSystemPrompt());
        });
        savedSystemPrompt.addListener((obs, old, saved) -> {
            if (systemPrompt.get().strip().equals(old == null || old.isBlank() ? familySystemPrompt(reasoningFormat.get()) : old.strip())) {
                systemPrompt.set(defaultSystemPrompt());
            }
        });
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

    private static String familySystemPrompt(boolean reasoning) {
        return reasoning ? CONVENTION.reasoningSystemPrompt() : "";
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
        return maxPixels.get() == DEFAULT_MAX_PIXELS ? null : maxPixels.get();
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
        maxPixels.set(spec.maxPixels() != null ? spec.maxPixels() : DEFAULT_MAX_PIXELS);
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
