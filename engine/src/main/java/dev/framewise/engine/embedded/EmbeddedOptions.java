package dev.framewise.engine.embedded;

import dev.framewise.engine.model.Precision;

/**
 * How the embedded engine runs a model: weight/decode precision ({@code --dtype}) and device
 * ({@code auto|cpu|cuda}).
 */
public record EmbeddedOptions(Precision precision, String device) {

    /** bf16 weights (mapped from the checkpoint without a copy), CUDA when present. */
    public static EmbeddedOptions defaults() {
        return new EmbeddedOptions(Precision.BF16, "auto");
    }
}
