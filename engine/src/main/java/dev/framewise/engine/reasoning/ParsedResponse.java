package dev.framewise.engine.reasoning;

import dev.framewise.engine.api.ReasoningStep;

import java.util.List;

/**
 * A response split by {@link ReasoningParser}. {@code reasoning} and {@code answer} are trimmed and
 * tag-free; {@code answerTagged} tells whether the answer came from an {@code <answer>} tag (otherwise it
 * is the text outside the tags); {@code reasoningClosed} is false for an unclosed {@code <think>}.
 */
public record ParsedResponse(String reasoning, String answer, List<ReasoningStep> steps, boolean answerTagged,
                             boolean reasoningClosed) {
    public ParsedResponse {
        steps = List.copyOf(steps);
    }
}
