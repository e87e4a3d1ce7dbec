package dev.framewise.engine.estimate;

import dev.framewise.engine.model.ModelConfig.TextConfig;

import java.util.List;

/**
 * Where a CPU prefill's time goes, as {@code framewise bench prefill --profile} measured it on a quiet machine
 * (docs/performance.md, "Cost preview"): the matrix products, flash attention and the rest (residual adds, norms,
 * rotary, SwiGLU, KV-cache and layout copies, casts) as shares of the prefill's time, for {@link #SHAPE} prefilling
 * {@link #TOKENS} tokens in bf16. What the micro-benchmark's product-kernel rate is turned into the linear part of a
 * prefill's time by ({@link PrefillTime}): the rest works on the rows the products make, so it is taken in
 * proportion to their time. Attention is not taken from the profile: its rate depends on the cache's length, so the
 * calibration measures it at two lengths ({@link MicroBenchmark#attentionRates}).
 */
final class PrefillProfile {
    /** The shape profiled: Qwen2.5-0.5B's language model (bench prefill --synthetic qwen2.5-0.5b). */
    static final TextConfig SHAPE = new TextConfig(896, 24, 14, 2, 64, 4864, 151936, 1e-6, 1_000_000.0,
            List.of(32, 0, 0), true, 32768);
    static final int TOKENS = 2048;
    /** Shares of the profiled prefill's time. */
    static final double PRODUCTS = 0.58;
    static final double ATTENTION = 0.24;
    static final double REST = 0.18;

    private PrefillProfile() {
    }

    /** Seconds of the rest per second of matrix products. */
    static double restPerProductSecond() {
        return REST / PRODUCTS;
    }

    /**
     * Seconds per prompt token of shape {@code t} besides attention: the products at {@code productFlopsPerSecond}
     * (the kernel of the weights' precision), the rest as it ran beside products at {@code referenceFlopsPerSecond}
     * (the bf16 kernel's rate: it runs on float32 activations whatever the weights' precision, so quantised weights
     * change the products only).
     */
    static double linearSecondsPerToken(TextConfig t, double productFlopsPerSecond, double referenceFlopsPerSecond) {
        double products = ModelFlops.perPromptToken(t);
        return products / productFlopsPerSecond + products * restPerProductSecond() / referenceFlopsPerSecond;
    }
}
