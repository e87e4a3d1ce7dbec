package dev.framewise.engine.reasoning;

/**
 * One step of the reasoning: a paragraph or a numbered / bulleted item. {@code start} and {@code end} are
 * character offsets into {@link ParsedResponse#reasoning()} ({@code text} = that substring).
 */
public record ReasoningStep(int index, String text, int start, int end) {
}
