package dev.framewise.engine.bench;

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
 * Random BF16 weights with the exact tensor names and shapes of a published Qwen2.5-VL vision tower, for
 * benchmarks on machines without the real checkpoint (speed does not depend on the values).
 */
public final class SyntheticVisionTower {
    private SyntheticVisionTower() {
    }

    /** The vision_config of Qwen2.5-VL-7B-Instruct (also Cosmos-Reason1-7B) and of Qwen2.5-VL-3B-Instruct. */
    public static VisionConfig preset(String name) {
        int outHidden = switch (name.toLowerCase(Locale.ROOT)) {
            case "qwen2.5-vl-7b-vision" -> 3584;
            case "qwen2.5-vl-3b-vision" -> 2048;
            default -> throw new IllegalArgumentException("unknown synthetic model '" + name
                    + "'; use qwen2.5-vl-7b-vision or qwen2.5-vl-3b-vision");
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
