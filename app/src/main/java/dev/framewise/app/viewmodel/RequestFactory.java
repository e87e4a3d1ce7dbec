package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;

import java.util.ArrayList;
import java.util.List;

/** Turns what the user asked into the conversation the engine runs: media first, then the question. */
public final class RequestFactory {

    public GenerationRequest build(RunSpec spec) {
        List<ContentPart> parts = new ArrayList<>();
        if (spec.media() != null) parts.add(mediaPart(spec));
        parts.add(new ContentPart.Text(spec.question()));
        return new GenerationRequest(List.of(ChatMessage.user(parts)), spec.params());
    }

    private static ContentPart mediaPart(RunSpec spec) {
        if (spec.fps() == null) return new ContentPart.Image(spec.media(), null, spec.maxPixels(), null, null);
        return new ContentPart.Video(spec.media(), spec.fps(), null, null, spec.maxPixels(), null, spec.clipStart(), spec.clipEnd());
    }
}
