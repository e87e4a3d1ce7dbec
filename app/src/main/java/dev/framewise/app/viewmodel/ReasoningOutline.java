package dev.framewise.app.viewmodel;

import java.util.List;

/**
 * Where things are in a run's raw text (character offsets, end exclusive): the reasoning steps, the answer,
 * the references to moments of the video, the grounding boxes the answer names, and where their JSON is
 * written (with its code fence), so the panel can set it apart from the prose.
 */
public record ReasoningOutline(List<Span> steps, Span answer, List<Reference> references, List<GroundingBox> boxes,
                               List<Span> groundingJson) {
    public static final ReasoningOutline EMPTY = new ReasoningOutline(List.of(), null, List.of(), List.of(), List.of());

    public ReasoningOutline {
        steps = List.copyOf(steps);
        references = List.copyOf(references);
        boxes = List.copyOf(boxes);
        groundingJson = List.copyOf(groundingJson);
    }

    public record Span(int start, int end) {
    }

    /**
     * "at 3.5 s" at [start, end) of the raw text, meaning {@code seconds} into the media; a range ("between 6
     * and 8 seconds") ends at {@code endSeconds}, which equals {@code seconds} for a moment.
     */
    public record Reference(int start, int end, double seconds, String text, double endSeconds) {
        public Reference(int start, int end, double seconds, String text) {
            this(start, end, seconds, text, seconds);
        }

        public boolean isRange() {
            return endSeconds > seconds;
        }
    }
}
