package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.ModelConfig.VisionConfig;

import java.util.List;

/**
 * A Qwen2.5-VL {@code config.json} (flat text fields or the newer nested {@code text_config}) or a plain Qwen2
 * one (no vision tower) as {@link ModelConfig} records.
 */
public final class Qwen25VlConfigReader {
    private Qwen25VlConfigReader() {
    }

    static ModelConfig parse(String type, JsonFields root) {
        TextConfig text = text(root.nestedOrSelf("text_config"));
        if (type.equals(Qwen25VlFamily.TEXT_TYPE)) {
            return new ModelConfig(type, text, null, -1, -1, -1);
        }
        JsonFields visionFields = root.nested("vision_config");
        if (visionFields == null) throw root.invalid("vision_config", "an object (a qwen2_5_vl model has a vision tower)");
        return new ModelConfig(type, text, vision(visionFields), root.requireInt("image_token_id"),
                root.requireInt("video_token_id"), root.requireInt("vision_start_token_id"));
    }

    public static TextConfig text(JsonFields f) {
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

    static VisionConfig vision(JsonFields f) {
        return new VisionConfig(f.positiveInt("depth"), f.positiveInt("hidden_size"),
                f.positiveInt("intermediate_size"), f.positiveInt("num_heads"), f.optInt("in_chans", 3),
                f.positiveInt("out_hidden_size"), f.positiveInt("patch_size"),
                f.positiveInt("spatial_merge_size"), f.positiveInt("temporal_patch_size"),
                f.positiveInt("window_size"), f.intList("fullatt_block_indexes"),
                f.requireDouble("tokens_per_second"), f.optString("hidden_act", "silu"));
    }
}
