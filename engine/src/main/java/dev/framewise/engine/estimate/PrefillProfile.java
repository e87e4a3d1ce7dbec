package dev.framewise.engine.estimate;

import dev.framewise.engine.model.ModelConfig.TextConfig;

import java.util.List;

/**
 * Where a CPU prefill's time goes, as {@code framewise bench prefill --profile} measured it on a quiet machine
 * (docs/performance.md, "Cost preview"): the matrix products, flash attention and the rest (residual adds, norms,
 * rotary, SwiGLU, KV-cache and layout copies, casts) as shares of the prefill's time, for {@link #SHAPE} prefilling
 * {@link #TOKENS} tokens in bf16. What the micro-benchmark's product-kernel rate is turned into a prefill rate by:
 * the rest works on the rows the products make, so it is taken in proportion to their time; attention is taken at
 * the FLOP rate it ran at relative to the products, so that a shape whose attention is a smaller part of its FLOPs
 * (wider layers) gets a smaller share of attention.
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

    /** Attention's FLOP rate as a share of the products' in the profiled prefill. */
    static double attentionRateShare() {
        double attentionRate = ModelFlops.attentionPerPromptToken(SHAPE, TOKENS) / ATTENTION;
        double productRate = ModelFlops.perPromptToken(SHAPE) / PRODUCTS;
        return attentionRate / productRate;
    }

    /**
     * Seconds per token of prefilling {@code tokens} prompt tokens of shape {@code t}: the products at
     * {@code productFlopsPerSecond} (the kernel of the weights' precision), attention and the rest as they ran
     * beside products at {@code referenceFlopsPerSecond} (the bf16 kernel's rate: they run on float32 activations
     * whatever the weights' precision, so quantised weights change the products only).
     */
    static double secondsPerToken(TextConfig t, int tokens, double productFlopsPerSecond,
                                  double referenceFlopsPerSecond) {
        double products = ModelFlops.perPromptToken(t);
        double attention = ModelFlops.attentionPerPromptToken(t, tokens);
        return products / productFlopsPerSecond + (products * restPerProductSecond()
                + attention / attentionRateShare()) / referenceFlopsPerSecond;
    }
}
