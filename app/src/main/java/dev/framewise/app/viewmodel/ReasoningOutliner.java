package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.FrameRef;

import java.util.List;

/** Finds the steps, the answer, the moment references and the grounding boxes in a run's (partial) text. */
@FunctionalInterface
public interface ReasoningOutliner {
    /** {@code frames} are the frames the model was shown (for "frame 7" and "the last frame"; empty for images). */
    ReasoningOutline outline(String text, List<FrameRef> frames);
}
