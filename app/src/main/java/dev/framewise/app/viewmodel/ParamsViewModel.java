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
    private GenerationParams base = CONVENTION.sampling();

    public ParamsViewModel() {
        show(CONVENTION.sampling());
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
