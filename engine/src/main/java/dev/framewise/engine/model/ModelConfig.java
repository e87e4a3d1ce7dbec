package dev.framewise.engine.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint's {@code config.json}: Qwen2.5-VL ({@code model_type} {@code qwen2_5_vl}, flat text fields or
 * the newer nested {@code text_config}) or a plain Qwen2 text model ({@code qwen2}, no vision tower).
 *
 * @param vision null for a text-only model
 * @param imageTokenId id of {@code <|image_pad|>}, -1 for a text-only model (likewise the other vision ids)
 */
public record ModelConfig(String modelType, TextConfig text, VisionConfig vision, int imageTokenId, int videoTokenId,
                          int visionStartTokenId) {

    public static final String FILE_NAME = "config.json";

    public ModelConfig {
        if (!modelType.equals("qwen2_5_vl") && !modelType.equals("qwen2")) {
            throw new ModelFormatException("model_type '" + modelType
                    + "' is not supported: Framewise runs qwen2_5_vl (Qwen2.5-VL, Cosmos-Reason1) and qwen2 models");
        }
        if (modelType.equals("qwen2_5_vl") && vision == null) {
            throw new ModelFormatException("a qwen2_5_vl config needs a vision_config");
        }
    }

    public boolean hasVision() {
        return vision != null;
    }

    /** Reads {@code config.json} from a model folder. */
    public static ModelConfig read(Path modelDir) {
        JsonFields root = JsonFields.read(modelDir.resolve(FILE_NAME));
        String type = root.requireString("model_type");
        JsonFields textFields = root.nestedOrSelf("text_config");
        TextConfig text = TextConfig.from(textFields);
        if (type.equals("qwen2")) {
            return new ModelConfig(type, text, null, -1, -1, -1);
        }
        JsonFields visionFields = root.nested("vision_config");
        if (visionFields == null) throw root.invalid("vision_config", "an object (a qwen2_5_vl model has a vision tower)");
        return new ModelConfig(type, text, VisionConfig.from(visionFields), root.requireInt("image_token_id"),
                root.requireInt("video_token_id"), root.requireInt("vision_start_token_id"));
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

        static TextConfig from(JsonFields f) {
            int hidden = f.positiveInt("hidden_size");
            int heads = f.positiveInt("num_attention_heads");
            if (hidden % heads != 0) throw f.invalid("hidden_size", "a multiple of num_attention_heads (" + heads + ")");
            int headDim = f.has("head_dim") ? f.positiveInt("head_dim") : hidden / heads;
            JsonFields rope = f.nested("rope_scaling");
            List<Integer> section = rope != null && rope.has("mrope_section")
                    ? rope.intList("mrope_section") : List.of(headDim / 2, 0, 0);
            return new TextConfig(hidden, f.positiveInt("num_hidden_layers"), heads,
                    f.has("num_key_value_heads") ? f.positiveInt("num_key_value_heads") : heads, headDim,
                    f.positiveInt("intermediate_size"), f.positiveInt("vocab_size"), f.requireDouble("rms_norm_eps"),
                    f.optDouble("rope_theta", 10000.0), section, f.optBoolean("tie_word_embeddings", false),
                    f.optInt("max_position_embeddings", 32768));
        }

        public int kvDim() {
            return numKvHeads * headDim;
        }

        /** Parameters of the language model, lm_head included when it is not tied. */
        public long parameterCount() {
            long attn = (long) hiddenSize * numHeads * headDim * 2 + 2L * hiddenSize * kvDim()
                    + numHeads * headDim + 2L * kvDim();
            long mlp = 3L * hiddenSize * intermediateSize;
            long layer = attn + mlp + 2L * hiddenSize;
            long embed = (long) vocabSize * hiddenSize;
            return numLayers * layer + hiddenSize + embed * (tieWordEmbeddings ? 1 : 2);
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

        static VisionConfig from(JsonFields f) {
            return new VisionConfig(f.positiveInt("depth"), f.positiveInt("hidden_size"),
                    f.positiveInt("intermediate_size"), f.positiveInt("num_heads"), f.optInt("in_chans", 3),
                    f.positiveInt("out_hidden_size"), f.positiveInt("patch_size"),
                    f.positiveInt("spatial_merge_size"), f.positiveInt("temporal_patch_size"),
                    f.positiveInt("window_size"), f.intList("fullatt_block_indexes"),
                    f.requireDouble("tokens_per_second"), f.optString("hidden_act", "silu"));
        }

        public int headDim() {
            return hiddenSize / numHeads;
        }
    }
}
