package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.text.CosmosPrompt;

import java.util.List;

/**
 * Turns what the user asked into the conversation the engine runs, with the same Cosmos-Reason1 prompt
 * convention as {@code framewise ask --prompt}: the media first, then the question.
 */
public final class RequestFactory {

    public GenerationRequest build(RunSpec spec) {
        List<ContentPart> media = spec.media() == null ? List.of() : List.of(mediaPart(spec));
        return new GenerationRequest(CosmosPrompt.question(media, spec.question(), spec.reasoningFormat(), null), spec.params());
    }

    private static ContentPart mediaPart(RunSpec spec) {
        if (spec.fps() == null) return new ContentPart.Image(spec.media(), null, spec.maxPixels(), null, null);
        return new ContentPart.Video(spec.media(), spec.fps(), null, null, spec.maxPixels(), null, spec.clipStart(), spec.clipEnd());
    }
}
