package dev.framewise.engine.api;

import java.util.List;

/** A whole conversation, used verbatim (any convention has already been applied), and how to continue it. */
public record GenerationRequest(List<ChatMessage> messages, GenerationParams params) {
    public GenerationRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) throw new IllegalArgumentException("a request needs at least one message");
    }
}
