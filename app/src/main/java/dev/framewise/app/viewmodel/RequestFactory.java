package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;

import java.util.List;

/**
 * Turns what the user asked into the conversation the engine runs, with the same prompt convention as
 * {@code framewise ask --prompt}: its system prompt, the media first then the question, and its video sampling
 * for whatever the run leaves at the default (null).
 */
public final class RequestFactory {

    public GenerationRequest build(RunSpec spec) {
        List<ContentPart> media = spec.media() == null ? List.of() : List.of(mediaPart(spec));
        return new GenerationRequest(ParamsViewModel.CONVENTION.question(media, spec.question(), spec.reasoningFormat(),
                null), spec.params());
    }

    private static ContentPart mediaPart(RunSpec spec) {
        if (spec.fps() == null) return ParamsViewModel.CONVENTION.image(spec.media(), null, spec.maxPixels());
        return ParamsViewModel.CONVENTION.video(spec.media(), spec.fps(), null, null, spec.maxPixels(), spec.clipStart(),
                spec.clipEnd());
    }
}
