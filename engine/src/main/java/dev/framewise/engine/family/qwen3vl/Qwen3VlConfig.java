package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.family.qwen25vl.Qwen25VlConfigReader;
import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.ModelFormatException;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A Qwen3-VL checkpoint's {@code config.json} ({@code model_type} {@code qwen3_vl}; Qwen3-VL-2B/4B/8B,
 * Cosmos-Reason2): the Qwen3 language model under {@code text_config} (explicit {@code head_dim}, interleaved M-RoPE
 * under {@code rope_scaling}), the vision tower under {@code vision_config}, and the vision token ids.
 * transformers 4.57's {@code Qwen3VLConfig}.
 */
public record Qwen3VlConfig(TextConfig text, Qwen3VisionConfig vision, int imageTokenId, int videoTokenId,
                            int visionStartTokenId, int visionEndTokenId) implements ModelConfig.FamilyConfig {

    public static final String MODEL_TYPE = "qwen3_vl";

    public Qwen3VlConfig {
        if (text.hiddenSize() != vision.outHiddenSize()) {
            throw new ModelFormatException("vision_config.out_hidden_size (" + vision.outHiddenSize()
                    + ") must equal text_config.hidden_size (" + text.hiddenSize() + ")");
        }
        if (vision.deepstackVisualIndexes().size() > text.numLayers()) {
            throw new ModelFormatException("vision_config.deepstack_visual_indexes has more entries than the "
                    + text.numLayers() + " decoder layers they are added after");
        }
    }

    /** Reads {@code config.json} from a model folder. */
    public static Qwen3VlConfig read(Path modelDir) {
        return from(JsonFields.read(modelDir.resolve(ModelConfig.FILE_NAME)));
    }

    /**
     * The shared records: the Qwen3 text config, and the vision tower's geometry in Qwen2.5-VL's record (every block
     * attends a whole image or temporal patch; no window, no time scale: Qwen3-VL states time as text), with this
     * record as the family config.
     */
    public ModelConfig toModelConfig() {
        Qwen3VisionConfig v = vision;
        List<Integer> allBlocks = IntStream.range(0, v.depth()).boxed().toList();
        ModelConfig.VisionConfig shared = new ModelConfig.VisionConfig(v.depth(), v.hiddenSize(), v.intermediateSize(),
                v.numHeads(), v.inChannels(), v.outHiddenSize(), v.patchSize(), v.spatialMergeSize(),
                v.temporalPatchSize(), v.factor(), allBlocks, 0.0, v.hiddenAct());
        return new ModelConfig(MODEL_TYPE, text, shared, imageTokenId, videoTokenId, visionStartTokenId, this);
    }

    static Qwen3VlConfig from(JsonFields root) {
        String type = root.requireString("model_type");
        if (!type.equals(MODEL_TYPE)) throw root.invalid("model_type", "'" + MODEL_TYPE + "'");
        JsonFields text = root.nested("text_config");
        if (text == null) throw root.invalid("text_config", "an object (Qwen3-VL nests the language model's settings)");
        JsonFields rope = text.nested("rope_scaling");
        if (rope == null || !rope.optBoolean("mrope_interleaved", false)) {
            throw text.invalid("rope_scaling.mrope_interleaved", "true (Qwen3-VL's interleaved M-RoPE)");
        }
        if (text.optBoolean("attention_bias", false)) {
            throw text.invalid("attention_bias", "false (Qwen3 has no attention bias)");
        }
        JsonFields vision = root.nested("vision_config");
        if (vision == null) throw root.invalid("vision_config", "an object (a qwen3_vl model has a vision tower)");
        return new Qwen3VlConfig(Qwen25VlConfigReader.text(root.nestedOrSelf("text_config")), Qwen3VisionConfig.from(vision),
                root.requireInt("image_token_id"), root.requireInt("video_token_id"),
                root.requireInt("vision_start_token_id"), root.optInt("vision_end_token_id", -1));
    }
}
