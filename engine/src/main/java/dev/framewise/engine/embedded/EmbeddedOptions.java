package dev.framewise.engine.embedded;

import dev.framewise.engine.model.Precision;

/**
 * How the embedded engine runs a model: weight/decode precision ({@code --dtype}) and device
 * ({@code auto|cpu|cuda}); whether video frames get the Cosmos-Reason1 timestamp overlay
 * ({@code --timestamp-overlay}); and the byte budgets of the vision-embedding cache and
 * of the prompt-prefix KV cache.
 */
public record EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes,
                              long prefixCacheBytes) {

    /** Vision embeddings kept for repeated questions: 1 GiB (a 7B model's 32-frame 448² clip takes ~60 MB). */
    public static final long DEFAULT_VISION_CACHE_BYTES = 1L << 30;

    /**
     * KV caches of recent prompts kept for re-use: 2 GiB (a 7B model's bf16 cache takes 56 KiB per position, so a
     * 4 096-token answer budget after a 2 000-token clip is about 330 MiB).
     */
    public static final long DEFAULT_PREFIX_CACHE_BYTES = 2L << 30;

    public EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes) {
        this(precision, device, timestampOverlay, visionCacheBytes, DEFAULT_PREFIX_CACHE_BYTES);
    }

    public EmbeddedOptions(Precision precision, String device) {
        this(precision, device, false, DEFAULT_VISION_CACHE_BYTES);
    }

    /** bf16 weights (mapped from the checkpoint without a copy), CUDA when present. */
    public static EmbeddedOptions defaults() {
        return new EmbeddedOptions(Precision.BF16, "auto");
    }
}
