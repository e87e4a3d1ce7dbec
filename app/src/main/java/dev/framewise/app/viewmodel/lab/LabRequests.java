package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.RequestFactory;
import dev.framewise.app.viewmodel.RunSpec;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.sessions.model.LabVariant;

import java.nio.file.Path;

/**
 * A lab cell's variant as the run spec the history shows and the engine request, built as the Ask box builds its
 * own ({@link RequestFactory}, the {@code framewise ask --prompt} convention of the model that answers): a null field
 * of the variant keeps the convention's value.
 */
final class LabRequests {
    private LabRequests() {
    }

    /**
     * The convention a cell is asked with: the loaded backend's ({@link InferenceBackend#convention()}); Cosmos-Reason1's
     * with none loaded, and for a cell on another model, whose family is not known until it is opened.
     */
    static PromptConvention convention(InferenceBackend loaded, String otherModel) {
        return loaded == null || otherModel != null ? PromptConvention.COSMOS_REASON1 : loaded.convention();
    }

    /** The run spec of a cell; {@code media} null for a text-only lab, {@code video} false for an image. */
    static RunSpec spec(LabVariant v, Path media, boolean video, PromptConvention convention) {
        boolean clip = media != null && video && v.clipStart() != null;
        return new RunSpec(v.question(), media, clip ? v.clipStart() : null, clip ? v.clipEnd() : null,
                params(v, convention),
                media != null && video ? (v.fps() != null ? v.fps() : convention.video().fps()) : null, v.maxPixels(),
                v.reasoningFormat(), null, v.systemPrompt(), null);
    }

    /** The request exactly as the Ask box would build it from the same spec for a model of {@code convention}. */
    static GenerationRequest request(RunSpec spec, PromptConvention convention) {
        return new RequestFactory().build(spec, convention);
    }

    /**
     * The convention's sampling (with or without the reasoning format, as the variant asks) with what the variant
     * sets (validated by GenerationParams: a bad value throws).
     */
    static GenerationParams params(LabVariant v, PromptConvention convention) {
        GenerationParams.Builder b = convention.sampling(v.reasoningFormat()).toBuilder();
        if (v.temperature() != null) b.temperature(v.temperature());
        if (v.topP() != null) b.topP(v.topP());
        if (v.maxTokens() != null) b.maxTokens(v.maxTokens());
        if (v.seed() != null) b.seed(v.seed());
        return b.build();
    }
}
