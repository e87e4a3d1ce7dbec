package dev.framewise.engine.api;

/**
 * One step of the reasoning: a paragraph or a numbered / bulleted item. {@code start} and {@code end} are
 * character offsets into the reasoning text it was split from ({@code text} = that substring); see
 * {@link ReasoningSteps}.
 */
public record ReasoningStep(int index, String text, int start, int end) {
}
