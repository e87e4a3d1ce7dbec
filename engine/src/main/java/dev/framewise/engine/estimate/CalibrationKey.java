package dev.framewise.engine.estimate;

import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;

import java.util.Locale;

/**
 * What calibrated rates are valid for: one model family, precision and device, and one shape (layers and widths
 * of the language model and the vision tower: two checkpoints of the same shape run at the same speed).
 */
public record CalibrationKey(String family, Precision precision, ComputeDevice device, String shape) {

    public static CalibrationKey of(String family, ModelConfig config, Precision precision, ComputeDevice device) {
        ModelConfig.TextConfig t = config.text();
        StringBuilder shape = new StringBuilder(String.format(Locale.ROOT, "l%d-h%d-i%d-kv%d", t.numLayers(),
                t.hiddenSize(), t.intermediateSize(), t.numKvHeads()));
        if (config.hasVision()) {
            ModelConfig.VisionConfig v = config.vision();
            shape.append(String.format(Locale.ROOT, "-v%d-h%d-i%d-p%d", v.depth(), v.hiddenSize(),
                    v.intermediateSize(), v.patchSize()));
        }
        return new CalibrationKey(family, precision, device, shape.toString());
    }

    /** A file name that says what it holds: {@code qwen2.5-vl-bf16-cpu-l28-h3584-…json}. */
    public String fileName() {
        String name = family + "-" + precision + "-" + device + "-" + shape;
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-") + ".json";
    }
}
