package dev.framewise.engine.model;

import java.util.List;

/**
 * A checkpoint's {@code config.json} as records: a Qwen2-style language model and, for vision-language models, a
 * vision tower. The model's family reads it ({@code ModelFamilies.readConfig}); this record only validates.
 *
 * @param vision null for a text-only model
 * @param imageTokenId id of {@code <|image_pad|>}, -1 for a text-only model (likewise the other vision ids)
 */
public record ModelConfig(String modelType, TextConfig text, VisionConfig vision, int imageTokenId, int videoTokenId,
                          int visionStartTokenId, FamilyConfig familyConfig) {

    public static final String FILE_NAME = "config.json";

    /**
     * A family's own reading of {@code config.json}, for what the shared records do not hold (Qwen3-VL's DeepStack
     * taps and learned position table); its family casts it back.
     */
    public interface FamilyConfig {
    }

    /** A config whose shared records say everything (Qwen2.5-VL, Qwen2). */
    public ModelConfig(String modelType, TextConfig text, VisionConfig vision, int imageTokenId, int videoTokenId,
                       int visionStartTokenId) {
        this(modelType, text, vision, imageTokenId, videoTokenId, visionStartTokenId, null);
    }

    public boolean hasVision() {
        return vision != null;
    }

    /**
     * The Qwen2 language model.
     *
     * @param mropeSection rotary half-dimensions taken from the temporal, height and width positions (sums to
     *                     headDim / 2); a plain Qwen2 model gets {@code [headDim/2, 0, 0]}, i.e. ordinary RoPE
     */
    public record TextConfig(int hiddenSize, int numLayers, int numHeads, int numKvHeads, int headDim,
                             int intermediateSize, int vocabSize, double rmsNormEps, double ropeTheta,
                             List<Integer> mropeSection, boolean tieWordEmbeddings, int maxPositionEmbeddings) {
        public TextConfig {
            mropeSection = List.copyOf(mropeSection);
            if (numHeads % numKvHeads != 0) {
                throw new ModelFormatException("num_attention_heads (" + numHeads
                        + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
            }
            if (headDim % 2 != 0) throw new ModelFormatException("the attention head size must be even, got " + headDim);
            if (mropeSection.size() != 3 || mropeSection.stream().mapToInt(Integer::intValue).sum() != headDim / 2) {
                throw new ModelFormatException("rope_scaling.mrope_section " + mropeSection
                        + " must have 3 entries summing to head_dim / 2 = " + headDim / 2);
            }
        }

        public int kvDim() {
            return numKvHeads * headDim;
        }

    }

    /** The Qwen2.5-VL vision tower ({@code vision_config}). */
    public record VisionConfig(int depth, int hiddenSize, int intermediateSize, int numHeads, int inChannels,
                               int outHiddenSize, int patchSize, int spatialMergeSize, int temporalPatchSize,
                               int windowSize, List<Integer> fullAttentionBlocks, double tokensPerSecond,
                               String hiddenAct) {
        public VisionConfig {
            fullAttentionBlocks = List.copyOf(fullAttentionBlocks);
            for (int b : fullAttentionBlocks) {
                if (b < 0 || b >= depth) {
                    throw new ModelFormatException("vision_config.fullatt_block_indexes has block " + b
                            + " but depth is " + depth);
                }
            }
            if (hiddenSize % numHeads != 0) {
                throw new ModelFormatException("vision_config.hidden_size (" + hiddenSize
                        + ") must be a multiple of num_heads (" + numHeads + ")");
            }
        }

        public int headDim() {
            return hiddenSize / numHeads;
        }
    }
}
