package dev.framewise.engine.eval;

/**
 * Where a reasoning model puts its answer. Cosmos-Reason1 (Qwen2.5-VL) writes {@code <answer>…</answer>} as the
 * prompt asks; Cosmos-Reason2 and other Qwen3-VL thinking models end their reasoning with {@code </think>} and
 * answer after it, without an answer tag.
 */
public enum AnswerStyle {
    ANSWER_TAG, AFTER_THINK;

    /** Qwen3-VL's config {@code model_type} starts with "qwen3"; a server's model is judged by its name. */
    public static AnswerStyle forModel(String modelType, String name) {
        String lower = ((modelType == null ? "" : modelType) + " " + (name == null ? "" : name)).toLowerCase(java.util.Locale.ROOT);
        return lower.contains("qwen3") || lower.contains("reason2") ? AFTER_THINK : ANSWER_TAG;
    }
}
