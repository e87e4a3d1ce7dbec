package dev.framewise.engine.model;

import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.model.SafetensorsFile.DType;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
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
        long h = c.hiddenSize();
        long merged = h * c.spatialMergeSize() * c.spatialMergeSize();
        long inter = c.intermediateSize();
        List<SafetensorsWriter.Spec> specs = new ArrayList<>();
        specs.add(spec("visual.patch_embed.proj.weight", h, c.inChannels(), c.temporalPatchSize(), c.patchSize(),
                c.patchSize()));
        specs.add(spec("visual.merger.ln_q.weight", h));
        specs.add(spec("visual.merger.mlp.0.weight", merged, merged));
        specs.add(spec("visual.merger.mlp.0.bias", merged));
        specs.add(spec("visual.merger.mlp.2.weight", c.outHiddenSize(), merged));
        specs.add(spec("visual.merger.mlp.2.bias", c.outHiddenSize()));
        for (int i = 0; i < c.depth(); i++) {
            String p = "visual.blocks." + i + ".";
            specs.add(spec(p + "norm1.weight", h));
            specs.add(spec(p + "norm2.weight", h));
            specs.add(spec(p + "attn.qkv.weight", 3 * h, h));
            specs.add(spec(p + "attn.qkv.bias", 3 * h));
            specs.add(spec(p + "attn.proj.weight", h, h));
            specs.add(spec(p + "attn.proj.bias", h));
            specs.add(spec(p + "mlp.gate_proj.weight", inter, h));
            specs.add(spec(p + "mlp.gate_proj.bias", inter));
            specs.add(spec(p + "mlp.up_proj.weight", inter, h));
            specs.add(spec(p + "mlp.up_proj.bias", inter));
            specs.add(spec(p + "mlp.down_proj.weight", h, inter));
            specs.add(spec(p + "mlp.down_proj.bias", h));
        }
        SplittableRandom random = new SplittableRandom(1206);
        SafetensorsWriter.write(dir.resolve(Weights.SINGLE_FILE), specs, (spec, out) -> {
            boolean norm = spec.name().contains("norm") || spec.name().contains("ln_q");
            while (out.hasRemaining()) {
                // uniform in ±0.035 (std 0.02, the checkpoints' initializer range); bf16 = the top 16 bits of a float
                float value = norm ? 1f : (float) ((random.nextDouble() - 0.5) * 0.07);
                out.putShort((short) (Float.floatToRawIntBits(value) >>> 16));
            }
        });
    }

    private static SafetensorsWriter.Spec spec(String name, long... shape) {
        return new SafetensorsWriter.Spec(name, DType.BF16, shape);
    }
}
