package dev.framewise.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public static TextConfig preset(String name) {
        TextConfig c = PRESETS.get(name);
        if (c == null) throw new IllegalArgumentException("no synthetic model '" + name + "'; known: " + PRESETS.keySet());
        return c;
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
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ModelConfig.FILE_NAME), config.toPrettyString());
            Files.writeString(dir.resolve(GenerationConfig.FILE_NAME), "{\"eos_token_id\": [" + (c.vocabSize() - 1) + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SplittableRandom random = new SplittableRandom(seed);
        SafetensorsWriter.write(dir.resolve(Weights.SINGLE_FILE), specs(c), (spec, out) -> {
            boolean norm = spec.name().endsWith("norm.weight");
            fill(out, norm, random);
        });
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
