package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.RequestFactory;
import dev.framewise.app.viewmodel.RunSpec;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.sessions.model.LabVariant;

import java.nio.file.Path;

/**
 * A lab cell's variant as the run spec the history shows and the engine request, built as the Ask box builds its
 * own ({@link RequestFactory}, the {@code framewise ask --prompt} convention): a null field of the variant keeps
 * the convention's value.
 */
final class LabRequests {
    static final PromptConvention CONVENTION = PromptConvention.COSMOS_REASON1;

    private LabRequests() {
    }

    /** The run spec of a cell; {@code media} null for a text-only lab, {@code video} false for an image. */
    static RunSpec spec(LabVariant v, Path media, boolean video) {
        boolean clip = media != null && video && v.clipStart() != null;
        return new RunSpec(v.question(), media, clip ? v.clipStart() : null, clip ? v.clipEnd() : null, params(v),
                media != null && video ? (v.fps() != null ? v.fps() : CONVENTION.video().fps()) : null, v.maxPixels(),
                v.reasoningFormat(), null, v.systemPrompt(), null);
    }

    /** The request exactly as the Ask box would build it from the same spec. */
    static GenerationRequest request(RunSpec spec) {
        return new RequestFactory().build(spec);
    }

    /** The convention's sampling with what the variant sets (validated by GenerationParams: a bad value throws). */
    static GenerationParams params(LabVariant v) {
        GenerationParams.Builder b = CONVENTION.sampling().toBuilder();
        if (v.temperature() != null) b.temperature(v.temperature());
        if (v.topP() != null) b.topP(v.topP());
        if (v.maxTokens() != null) b.maxTokens(v.maxTokens());
        if (v.seed() != null) b.seed(v.seed());
        return b.build();
    }
}
