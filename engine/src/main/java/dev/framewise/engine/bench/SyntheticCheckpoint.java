package dev.framewise.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.family.qwen3vl.Qwen3TextLayout;
import dev.framewise.engine.model.GenerationConfig;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.SafetensorsFile.DType;
import dev.framewise.engine.model.SafetensorsWriter;
import dev.framewise.engine.model.Weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A plain Qwen2 checkpoint of a published shape with random bf16 weights, for benchmarks that must not
 * download anything. Norm weights are 1, everything else uniform in ±0.05 (small enough that activations stay
 * finite through every layer).
 */
public final class SyntheticCheckpoint {
    private SyntheticCheckpoint() {
    }

    /** Published shapes by name. */
    public static final Map<String, TextConfig> PRESETS = Map.of(
            "qwen2.5-0.5b", new TextConfig(896, 24, 14, 2, 64, 4864, 151936, 1e-6, 1_000_000.0, List.of(32, 0, 0),
                    true, 32768),
            // The language model of Qwen2.5-VL-7B-Instruct, which Cosmos-Reason1-7B post-trains (15.2 GB in bf16).
            "cosmos-reason1-7b", new TextConfig(3584, 28, 28, 4, 128, 18944, 152064, 1e-6, 1_000_000.0,
                    List.of(16, 24, 24), false, 128000));

    /**
     * Published Qwen3-VL shapes (a {@code qwen3_vl} config; only the language model gets weights, as the decode
     * benchmark loads nothing else). Cosmos-Reason2-2B/8B post-train Qwen3-VL-2B/8B-Instruct, whose language models
     * have Qwen3-1.7B's and Qwen3-8B's shapes (hidden 2048/4096, 28/36 layers, 16/32 query and 8 KV heads of 128,
     * MLP 6144/12288, vocabulary 151936, embeddings tied only in the 2B) with Qwen3-VL's interleaved M-RoPE
     * (sections 24/20/20, theta 5e6, 262144 positions); vision towers of 24 blocks of 1024 (DeepStack after 5, 11,
     * 17) and 27 blocks of 1152 (after 8, 16, 24).
     */
    public static final Map<String, Qwen3Shape> QWEN3_VL_PRESETS = Map.of(
            "cosmos-reason2-2b", new Qwen3Shape(new TextConfig(2048, 28, 16, 8, 128, 6144, 151936, 1e-6, 5_000_000.0,
                    List.of(24, 20, 20), true, 262144), 24, 1024, 4096, List.of(5, 11, 17)),
            "cosmos-reason2-8b", new Qwen3Shape(new TextConfig(4096, 36, 32, 8, 128, 12288, 151936, 1e-6, 5_000_000.0,
                    List.of(24, 20, 20), false, 262144), 27, 1152, 4304, List.of(8, 16, 24)));

    /** A Qwen3-VL shape: its language model and its vision tower's depth, width, MLP size and DeepStack blocks. */
    public record Qwen3Shape(TextConfig text, int visionDepth, int visionHidden, int visionIntermediate,
                             List<Integer> deepstack) {
    }

    public static TextConfig preset(String name) {
        TextConfig c = PRESETS.get(name);
        if (c == null && QWEN3_VL_PRESETS.containsKey(name)) return QWEN3_VL_PRESETS.get(name).text();
        if (c == null) throw new IllegalArgumentException("no synthetic model '" + name + "'; known: " + names());
        return c;
    }

    /** Every preset name, sorted. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(PRESETS.keySet());
        all.addAll(QWEN3_VL_PRESETS.keySet());
        Collections.sort(all);
        return all;
    }

    /** Writes the preset {@code name} into {@code dir}: a Qwen2 checkpoint, or a Qwen3-VL one's language model. */
    public static void write(Path dir, String name, long seed) {
        Qwen3Shape qwen3 = QWEN3_VL_PRESETS.get(name);
        if (qwen3 == null) {
            write(dir, preset(name), seed);
        } else {
            writeQwen3Vl(dir, qwen3, seed);
        }
    }

    /** config.json (with text_config and vision_config), generation_config.json and the language model's weights. */
    static void writeQwen3Vl(Path dir, Qwen3Shape shape, long seed) {
        TextConfig c = shape.text();
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode().put("model_type", "qwen3_vl").put("image_token_id", 151655)
                .put("video_token_id", 151656).put("vision_start_token_id", 151652).put("vision_end_token_id", 151653)
                .put("tie_word_embeddings", c.tieWordEmbeddings());
        ObjectNode text = config.putObject("text_config").put("hidden_size", c.hiddenSize())
                .put("num_hidden_layers", c.numLayers()).put("num_attention_heads", c.numHeads())
                .put("num_key_value_heads", c.numKvHeads()).put("head_dim", c.headDim())
                .put("intermediate_size", c.intermediateSize()).put("vocab_size", c.vocabSize())
                .put("rms_norm_eps", c.rmsNormEps()).put("rope_theta", c.ropeTheta()).put("attention_bias", false)
                .put("tie_word_embeddings", c.tieWordEmbeddings())
                .put("max_position_embeddings", c.maxPositionEmbeddings());
        ObjectNode rope = text.putObject("rope_scaling").put("rope_type", "default").put("mrope_interleaved", true);
        c.mropeSection().forEach(rope.putArray("mrope_section")::add);
        ObjectNode vision = config.putObject("vision_config").put("depth", shape.visionDepth())
                .put("hidden_size", shape.visionHidden()).put("intermediate_size", shape.visionIntermediate())
                .put("num_heads", 16).put("in_channels", 3).put("out_hidden_size", c.hiddenSize()).put("patch_size", 16)
                .put("spatial_merge_size", 2).put("temporal_patch_size", 2).put("num_position_embeddings", 2304)
                .put("hidden_act", "gelu_pytorch_tanh");
        shape.deepstack().forEach(vision.putArray("deepstack_visual_indexes")::add);
        writeModel(dir, config, c.vocabSize(), Qwen3TextLayout.INSTANCE.tensorShapes(c).stream()
                .filter(t -> !(t.name().equals(LanguageModel.LM_HEAD) && c.tieWordEmbeddings()))
                .map(t -> spec(t.name(), t.shape())).toList(), seed);
    }

    /** Writes config.json, generation_config.json and model.safetensors into {@code dir}. */
    public static void write(Path dir, TextConfig c, long seed) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode().put("model_type", "qwen2").put("hidden_size", c.hiddenSize())
                .put("num_hidden_layers", c.numLayers()).put("num_attention_heads", c.numHeads())
                .put("num_key_value_heads", c.numKvHeads()).put("intermediate_size", c.intermediateSize())
                .put("vocab_size", c.vocabSize()).put("rms_norm_eps", c.rmsNormEps()).put("rope_theta", c.ropeTheta())
                .put("tie_word_embeddings", c.tieWordEmbeddings())
                .put("max_position_embeddings", c.maxPositionEmbeddings());
        writeModel(dir, config, c.vocabSize(), specs(c), seed);
    }

    /**
     * config.json, generation_config.json (the last token id ends generation) and model.safetensors holding
     * {@code specs}: random bf16 values drawn from {@code seed}, ones for norm weights.
     */
    private static void writeModel(Path dir, ObjectNode config, int vocabSize, List<SafetensorsWriter.Spec> specs,
                                   long seed) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ModelConfig.FILE_NAME), config.toPrettyString());
            Files.writeString(dir.resolve(GenerationConfig.FILE_NAME), "{\"eos_token_id\": [" + (vocabSize - 1) + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SplittableRandom random = new SplittableRandom(seed);
        SafetensorsWriter.write(dir.resolve(Weights.SINGLE_FILE), specs,
                (spec, out) -> fill(out, spec.name().endsWith("norm.weight"), random));
    }

    /** Random bf16 values (or ones, for norm weights) filling {@code out}. */
    static void fill(ByteBuffer out, boolean ones, SplittableRandom random) {
        while (out.remaining() >= 2) {
            float v = ones ? 1f : (float) ((random.nextDouble() - 0.5) * 0.1);
            out.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
        }
    }

    private static List<SafetensorsWriter.Spec> specs(TextConfig c) {
        return LanguageModel.tensorShapes(c).stream()
                .filter(t -> !(t.name().equals(LanguageModel.LM_HEAD) && c.tieWordEmbeddings()))
                .map(t -> spec(t.name(), t.shape())).toList();
    }

    private static SafetensorsWriter.Spec spec(String name, long... shape) {
        return new SafetensorsWriter.Spec(name, DType.BF16, shape);
    }
}
