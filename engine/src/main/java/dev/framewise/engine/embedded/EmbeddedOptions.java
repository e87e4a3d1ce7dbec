package dev.framewise.engine.embedded;

import dev.framewise.engine.model.Precision;

/**
 * How the embedded engine runs a model: weight/decode precision ({@code --dtype}) and device
 * ({@code auto|cpu|cuda}); whether video frames get the Cosmos-Reason1 timestamp overlay
 * ({@code --timestamp-overlay}); and the byte budget of the vision-embedding cache.
 */
public record EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes) {

    /** Vision embeddings kept for repeated questions: 1 GiB (a 7B model's 32-frame 448² clip takes ~60 MB). */
    public static final long DEFAULT_VISION_CACHE_BYTES = 1L << 30;

    public EmbeddedOptions(Precision precision, String device) {
        this(precision, device, false, DEFAULT_VISION_CACHE_BYTES);
    }

    /** bf16 weights (mapped from the checkpoint without a copy), CUDA when present. */
    public static EmbeddedOptions defaults() {
        return new EmbeddedOptions(Precision.BF16, "auto");
    }
}
