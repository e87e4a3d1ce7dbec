package dev.framewise.engine.reasoning;

import dev.framewise.engine.api.ReasoningStep;

import java.util.List;

/**
 * A response split by {@link ReasoningParser}. {@code reasoning} and {@code answer} are trimmed and
 * tag-free; {@code answerTagged} tells whether the answer came from an {@code <answer>} tag (otherwise it
 * is the text outside the tags); {@code reasoningClosed} is false for an unclosed {@code <think>}.
 * {@code reasoningStart} and {@code answerStart} are where {@code reasoning} and {@code answer} begin in the
 * parsed text, so that steps (whose offsets are into {@code reasoning}) can be placed on it; -1 where the
 * section is empty or not one slice of the text (two {@code <think>} blocks, an answer around a tag).
 */
public record ParsedResponse(String reasoning, String answer, List<ReasoningStep> steps, boolean answerTagged,
                             boolean reasoningClosed, int reasoningStart, int answerStart) {
    public ParsedResponse {
        steps = List.copyOf(steps);
    }
}
