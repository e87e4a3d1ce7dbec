package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.PromptPreset;
import dev.framewise.app.viewmodel.RequestFactory;
import dev.framewise.app.viewmodel.RunSpec;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.sessions.model.LabVariant;

import java.nio.file.Path;
import java.util.List;

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

    /**
     * The run spec of a cell; {@code media} null for a text-only lab, {@code video} false for an image. A template
     * variant asks its template's text, recorded under the template's title as the Ask box records one.
     */
    static RunSpec spec(LabVariant v, Path media, boolean video, PromptConvention convention, LabTemplates templates) {
        boolean clip = media != null && video && v.clipStart() != null;
        PromptPreset template = v.template() == null ? null : templates.find(v.template());
        return new RunSpec(template == null ? v.question() : template.prompt(), media, clip ? v.clipStart() : null,
                clip ? v.clipEnd() : null, params(v, convention),
                media != null && video ? (v.fps() != null ? v.fps() : convention.video().fps()) : null, v.maxPixels(),
                v.reasoningFormat(), template == null ? null : template.title(), v.systemPrompt(), null);
    }

    /**
     * The request exactly as the Ask box would build it from the same spec for a model of {@code convention}, its
     * videos with the variant's timestamp overlay where it sets one (the Ask box leaves it to the loaded model's
     * setting).
     */
    static GenerationRequest request(RunSpec spec, PromptConvention convention, LabVariant v) {
        GenerationRequest request = new RequestFactory().build(spec, convention);
        if (v.timestampOverlay() == null) return request;
        List<ChatMessage> messages = request.messages().stream().map(m -> new ChatMessage(m.role(), m.content().stream()
                .map(p -> p instanceof ContentPart.Video video ? video.withTimestampOverlay(v.timestampOverlay()) : p)
                .toList())).toList();
        return new GenerationRequest(messages, request.params());
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
        if (Boolean.TRUE.equals(v.evidence())) b.evidence(true);
        return b.build();
    }
}
