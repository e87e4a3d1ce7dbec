package dev.framewise.engine.eval;

import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a reasoning model puts its answer. Cosmos-Reason1 (Qwen2.5-VL) writes {@code <answer>…</answer>} as the
 * prompt asks; Cosmos-Reason2 and other Qwen3-VL thinking models end their reasoning with {@code </think>} and
 * answer after it, without an answer tag.
 */
public enum AnswerStyle {
    ANSWER_TAG, AFTER_THINK;

    /**
     * A local model answers as its family's prompt convention asks; a server's model (no {@code model_type}, or one
     * no family runs) is judged by its name.
     */
    public static AnswerStyle forModel(String modelType, String name) {
        Optional<ModelFamily> family = modelType == null ? Optional.empty() : ModelFamilies.find(modelType);
        if (family.isPresent()) return of(family.get().promptConvention());
        String lower = (name == null ? "" : name).toLowerCase(Locale.ROOT);
        return lower.contains("qwen3") || lower.contains("reason2") ? AFTER_THINK : ANSWER_TAG;
    }

    /** A convention that asks for the format after the question (Cosmos-Reason2's) gets the answer after {@code </think>}. */
    public static AnswerStyle of(PromptConvention convention) {
        return convention.formatPlace() == PromptConvention.FormatPlace.AFTER_QUESTION ? AFTER_THINK : ANSWER_TAG;
    }
}
