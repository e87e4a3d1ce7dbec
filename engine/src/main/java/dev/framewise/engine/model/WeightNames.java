package dev.framewise.engine.model;

/**
 * The one tensor-name layout Framewise uses: that of the published Qwen2.5-VL checkpoints
 * ({@code model.layers.N…}, {@code model.embed_tokens…}, {@code visual…}, {@code lm_head…}). Checkpoints saved by
 * newer transformers ({@code model.language_model.…}, {@code model.visual.…}) are mapped onto it.
 */
public final class WeightNames {
    private WeightNames() {
    }

    public static String canonical(String name) {
        if (name.startsWith("model.language_model.")) return "model." + name.substring("model.language_model.".length());
        if (name.startsWith("model.visual.")) return name.substring("model.".length());
        return name;
    }

    /** Prefix of decoder layer {@code i}'s tensors. */
    public static String layer(int i) {
        return "model.layers." + i + ".";
    }
}
