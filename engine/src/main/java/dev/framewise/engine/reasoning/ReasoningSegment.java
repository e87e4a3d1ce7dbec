package dev.framewise.engine.reasoning;

import java.util.Objects;

/** A run of streamed text with its section; tags themselves are never part of a segment. */
public record ReasoningSegment(ReasoningSection section, String text) {
    public ReasoningSegment {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(text, "text");
    }
}
