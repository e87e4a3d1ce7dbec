package dev.framewise.engine.eval;

import java.util.Locale;

/** evaluate.yaml {@code answer_type}: a bare letter, or reasoning in {@code <think>} then the letter. */
public enum EvalMode {
    LETTER, REASONING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EvalMode parse(String value) {
        for (EvalMode m : values()) if (m.id().equalsIgnoreCase(value)) return m;
        throw new IllegalArgumentException("--mode must be reasoning or letter, not '" + value + "'");
    }
}
