package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.ModelFormatException;

import java.util.List;

/**
 * The Qwen3-VL vision tower ({@code vision_config}, transformers {@code Qwen3VLVisionConfig}): patch 16, learned
 * position embedding of {@code num_position_embeddings} = n × n entries, LayerNorm blocks with a GELU-tanh MLP,
 * and the DeepStack mergers after the blocks {@code deepstack_visual_indexes}.
 */
public record Qwen3VisionConfig(int depth, int hiddenSize, int intermediateSize, int numHeads, int inChannels,
                                int outHiddenSize, int patchSize, int spatialMergeSize, int temporalPatchSize,
                                int numPositionEmbeddings, List<Integer> deepstackVisualIndexes, String hiddenAct) {

    public Qwen3VisionConfig {
        deepstackVisualIndexes = List.copyOf(deepstackVisualIndexes);
        for (int b : deepstackVisualIndexes) {
            if (b < 0 || b >= depth) {
                throw new ModelFormatException("vision_config.deepstack_visual_indexes has block " + b
                        + " but depth is " + depth);
            }
        }
        if (hiddenSize % numHeads != 0) {
            throw new ModelFormatException("vision_config.hidden_size (" + hiddenSize
                    + ") must be a multiple of num_heads (" + numHeads + ")");
        }
        int side = (int) Math.round(Math.sqrt(numPositionEmbeddings));
        if (side * side != numPositionEmbeddings) {
            throw new ModelFormatException("vision_config.num_position_embeddings (" + numPositionEmbeddings
                    + ") must be a square: the learned position table is a square grid");
        }
        if (!hiddenAct.equals("gelu_pytorch_tanh")) {
            throw new ModelFormatException("vision_config.hidden_act '" + hiddenAct
                    + "' is not supported: the Qwen3-VL vision tower uses gelu_pytorch_tanh");
        }
    }

    static Qwen3VisionConfig from(JsonFields f) {
        return new Qwen3VisionConfig(f.positiveInt("depth"), f.positiveInt("hidden_size"),
                f.positiveInt("intermediate_size"), f.positiveInt("num_heads"), f.optInt("in_channels", 3),
                f.positiveInt("out_hidden_size"), f.positiveInt("patch_size"), f.positiveInt("spatial_merge_size"),
                f.positiveInt("temporal_patch_size"), f.positiveInt("num_position_embeddings"),
                f.has("deepstack_visual_indexes") ? f.intList("deepstack_visual_indexes") : List.of(),
                f.optString("hidden_act", "gelu_pytorch_tanh"));
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Side of the learned position table ({@code num_grid_per_side}). */
    public int positionGridSide() {
        return (int) Math.round(Math.sqrt(numPositionEmbeddings));
    }

    /** Pixels per merged token side: patch × merge (32). */
    public int factor() {
        return patchSize * spatialMergeSize;
    }
}
