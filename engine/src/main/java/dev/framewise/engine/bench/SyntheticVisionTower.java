package dev.framewise.engine.bench;

import dev.framewise.engine.family.qwen3vl.Qwen3VisionConfig;
import dev.framewise.engine.family.qwen3vl.Qwen3VisionTower;
import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.model.SafetensorsFile.DType;
import dev.framewise.engine.model.SafetensorsWriter;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.model.Weights;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random BF16 weights with the exact tensor names and shapes of a published Qwen2.5-VL or Qwen3-VL vision tower,
 * for benchmarks on machines without the real checkpoint (speed does not depend on the values).
 */
public final class SyntheticVisionTower {
    private SyntheticVisionTower() {
    }

    /** Whether {@code name} is a Qwen3-VL tower preset ({@link #qwen3Preset}). */
    public static boolean isQwen3(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("qwen3-vl-") || name.toLowerCase(Locale.ROOT).startsWith("cosmos-reason2-");
    }

    /**
     * The vision_config of Qwen3-VL-2B-Instruct (also Cosmos-Reason2-2B's) and of Qwen3-VL-8B-Instruct (also
     * Cosmos-Reason2-8B's), as published in their config.json.
     */
    public static Qwen3VisionConfig qwen3Preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "qwen3-vl-2b-vision", "cosmos-reason2-2b-vision" -> new Qwen3VisionConfig(24, 1024, 4096, 16, 3, 2048,
                    16, 2, 2, 2304, List.of(5, 11, 17), "gelu_pytorch_tanh");
            case "qwen3-vl-8b-vision", "cosmos-reason2-8b-vision" -> new Qwen3VisionConfig(27, 1152, 4304, 16, 3, 4096,
                    16, 2, 2, 2304, List.of(8, 16, 24), "gelu_pytorch_tanh");
            default -> throw new IllegalArgumentException("unknown synthetic model '" + name
                    + "'; use qwen3-vl-2b-vision or qwen3-vl-8b-vision");
        };
    }

    /** Writes {@code model.safetensors} with a Qwen3-VL tower's tensors into {@code dir}; norms are 1, the rest small noise. */
    public static void write(Qwen3VisionConfig c, Path dir) {
        List<SafetensorsWriter.Spec> specs = Qwen3VisionTower.tensorShapes(c).stream()
                .map(t -> new SafetensorsWriter.Spec(t.name(), DType.BF16, t.shape())).toList();
        SplittableRandom random = new SplittableRandom(1206);
        SafetensorsWriter.write(dir.resolve(Weights.SINGLE_FILE), specs, (spec, out) ->
                SyntheticCheckpoint.fill(out, spec.name().contains("norm.weight") || spec.name().contains("norm1.weight")
                        || spec.name().contains("norm2.weight"), random));
    }

    /** The vision_config of Qwen2.5-VL-7B-Instruct (also Cosmos-Reason1-7B) and of Qwen2.5-VL-3B-Instruct. */
    public static VisionConfig preset(String name) {
        int outHidden = switch (name.toLowerCase(Locale.ROOT)) {
            case "qwen2.5-vl-7b-vision" -> 3584;
            case "qwen2.5-vl-3b-vision" -> 2048;
            default -> throw new IllegalArgumentException("unknown synthetic model '" + name
                    + "'; use qwen2.5-vl-7b-vision, qwen2.5-vl-3b-vision, qwen3-vl-2b-vision or qwen3-vl-8b-vision");
        };
        return new VisionConfig(32, 1280, 3420, 16, 3, outHidden, 14, 2, 2, 112, List.of(7, 15, 23, 31), 2.0, "silu");
    }

    /** Writes {@code model.safetensors} with the tower's tensors into {@code dir}; norms are 1, the rest small noise. */
    public static void write(VisionConfig c, Path dir) {
        List<SafetensorsWriter.Spec> specs = VisionEncoder.tensorShapes(c).stream()
                .map(t -> new SafetensorsWriter.Spec(t.name(), DType.BF16, t.shape())).toList();
        SplittableRandom random = new SplittableRandom(1206);
        SafetensorsWriter.write(dir.resolve(Weights.SINGLE_FILE), specs, (spec, out) ->
                SyntheticCheckpoint.fill(out, spec.name().contains("norm") || spec.name().contains("ln_q"), random));
    }
}
