package dev.framewise.engine.embedded;

import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.Precision;

/**
 * How the embedded engine runs a model: weight/decode precision ({@code --dtype}) and device
 * ({@code auto|cpu|cuda}); whether video frames get the Cosmos-Reason1 timestamp overlay
 * ({@code --timestamp-overlay}); and the byte budgets of the vision-embedding cache and
 * of the prompt-prefix KV cache; {@code contextLimit} above 0 lowers the model's context length
 * ({@code --max-model-len}, as vLLM names it), 0 keeps its {@code max_position_embeddings}; {@code lmHead} is the
 * output projection's precision beside int8 / int4 weights ({@code --lm-head-dtype}: bf16, int8 or int4);
 * {@code prefillChunk} the most prompt tokens one prefill call runs ({@code --prefill-chunk};
 * {@link LanguageModel#AUTO_PREFILL_CHUNK}: the model's {@link LanguageModel#defaultPrefillChunk()}).
 */
public record EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes,
                              long prefixCacheBytes, int contextLimit, Precision lmHead, int prefillChunk) {

    /** Vision embeddings kept for repeated questions: 1 GiB (a 7B model's 32-frame 448² clip takes ~60 MB). */
    public static final long DEFAULT_VISION_CACHE_BYTES = 1L << 30;

    /**
     * KV caches of recent prompts kept for re-use: 2 GiB (a 7B model's bf16 cache takes 56 KiB per position, so a
     * 4 096-token answer budget after a 2 000-token clip is about 330 MiB).
     */
    public static final long DEFAULT_PREFIX_CACHE_BYTES = 2L << 30;

    public EmbeddedOptions {
        if (contextLimit < 0) throw new IllegalArgumentException("--max-model-len must be 0 (the model's) or more");
        if (lmHead == Precision.FP32) throw new IllegalArgumentException("--lm-head-dtype must be bf16, int8 or int4");
        if (prefillChunk < 0) throw new IllegalArgumentException("--prefill-chunk must be 1 or more tokens");
    }

    public EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes,
                           long prefixCacheBytes, int contextLimit, Precision lmHead) {
        this(precision, device, timestampOverlay, visionCacheBytes, prefixCacheBytes, contextLimit, lmHead,
                LanguageModel.AUTO_PREFILL_CHUNK);
    }

    public EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes,
                           long prefixCacheBytes, int contextLimit) {
        this(precision, device, timestampOverlay, visionCacheBytes, prefixCacheBytes, contextLimit, Precision.BF16);
    }

    public EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes,
                           long prefixCacheBytes) {
        this(precision, device, timestampOverlay, visionCacheBytes, prefixCacheBytes, 0);
    }

    public EmbeddedOptions(Precision precision, String device, boolean timestampOverlay, long visionCacheBytes) {
        this(precision, device, timestampOverlay, visionCacheBytes, DEFAULT_PREFIX_CACHE_BYTES);
    }

    public EmbeddedOptions(Precision precision, String device) {
        this(precision, device, false, DEFAULT_VISION_CACHE_BYTES);
    }

    /** These options with the context length lowered to {@code tokens} (0: the model's own). */
    public EmbeddedOptions withContextLimit(int tokens) {
        return new EmbeddedOptions(precision, device, timestampOverlay, visionCacheBytes, prefixCacheBytes, tokens,
                lmHead, prefillChunk);
    }

    /** These options with the output projection in {@code lmHead} (see the record's description). */
    public EmbeddedOptions withLmHead(Precision lmHead) {
        return new EmbeddedOptions(precision, device, timestampOverlay, visionCacheBytes, prefixCacheBytes, contextLimit,
                lmHead, prefillChunk);
    }

    /** These options with prompts prefilled in chunks of at most {@code tokens}. */
    public EmbeddedOptions withPrefillChunk(int tokens) {
        return new EmbeddedOptions(precision, device, timestampOverlay, visionCacheBytes, prefixCacheBytes, contextLimit,
                lmHead, tokens);
    }

    /** bf16 weights (mapped from the checkpoint without a copy), CUDA when present. */
    public static EmbeddedOptions defaults() {
        return new EmbeddedOptions(Precision.BF16, "auto");
    }
}
