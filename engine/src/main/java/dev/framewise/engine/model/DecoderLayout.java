package dev.framewise.engine.model;

import dev.framewise.engine.model.ModelConfig.TextConfig;

import java.util.List;

/**
 * What differs between the decoder families {@link LanguageModel} runs: the checkpoint tensors (names and shapes,
 * grouped by load step), how many prepared matrices a layer has, and the program's
 * entry points for a layer's preparation and the forward passes. {@link #QWEN2} is Qwen2 (Qwen2.5-VL); other
 * families (Qwen3-VL) bring their own.
 */
public interface DecoderLayout {

    /**
     * The language model's tensors with the shapes the config implies: the model's own three (embedding, final norm,
     * lm_head), then each layer's, the same number per layer (loading passes them to the program by name, a group
     * at a time).
     */
    List<TensorShape> tensorShapes(TextConfig config);

    /** Prepared matrices per layer (packings under way per layer while loading). */
    int matricesPerLayer();

    /**
     * The program method for one of {@code prepare_layer}, {@code language_model}, {@code decode_step} and
     * {@code attention_mass}.
     */
    String entry(String name);

    /**
     * Whether {@code language_model} takes DeepStack features (rows, feature list, first feature row) after its
     * usual arguments.
     */
    boolean takesDeepstack();

    /** Qwen2: biased q/k/v, the entry points of qwen2_text.py. */
    DecoderLayout QWEN2 = new DecoderLayout() {
        @Override
        public List<TensorShape> tensorShapes(TextConfig config) {
            return LanguageModel.tensorShapes(config);
        }

        @Override
        public int matricesPerLayer() {
            return 4;
        }

        @Override
        public String entry(String name) {
            return name;
        }

        @Override
        public boolean takesDeepstack() {
            return false;
        }
    };
}
