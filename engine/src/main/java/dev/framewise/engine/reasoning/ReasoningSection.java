package dev.framewise.engine.reasoning;

/** Where streamed text goes: inside {@code <think>}, inside {@code <answer>}, or outside both tags. */
public enum ReasoningSection {
    OUTSIDE,
    REASONING,
    ANSWER
}
