package dev.framewise.engine.estimate;

import dev.framewise.engine.model.AttentionKernelRate;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.Precision;

import java.util.List;

/**
 * How long a prefill of {@code fresh} prompt tokens after {@code reused} ones (a prompt-prefix cache's) takes, by
 * length: the matrix products and the rest of a layer's work (norms, rotary, SwiGLU, copies) grow linearly with the
 * tokens, {@code linearSecondsPerToken}; attention grows with the cache each query attends to, and its rate falls
 * with the cache's length, so it is summed over the prefill's chunks of {@code chunk} queries (as
 * {@link dev.framewise.engine.model.LanguageModel#defaultPrefillChunk} cuts a prompt), each at the {@code attention}
 * rate of its own cache length (interpolated linearly in the logarithm of the length, clamped at the measured ends).
 *
 * <p>The stored prefill rate ({@link Rates#prefillTokensPerSecond}) is that of a {@link #REFERENCE_TOKENS}-token fresh
 * prompt, which runs refine; this model gives the ratio of any other prompt to it ({@link #seconds}) and turns a run of
 * any length into the reference's rate ({@link #referenceTokensPerSecond(int, int, double)}), so a long run refines
 * the rate a short prompt is estimated by consistently, and the other way round.
 */
public record PrefillTime(TextConfig text, int chunk, double linearSecondsPerToken, List<AttentionRate> attention) {
    /** The prompt the stored prefill rate is for: a fresh prompt of this many tokens. */
    public static final int REFERENCE_TOKENS = 2048;

    public PrefillTime {
        attention = List.copyOf(attention);
        if (chunk < 1 || !(linearSecondsPerToken > 0) || attention.isEmpty()) {
            throw new IllegalArgumentException("a prefill model needs a chunk, a linear part and an attention rate");
        }
    }

    /** The model of {@code rates} for a prefill of shape {@code text} at {@code precision} on {@code device}. */
    public static PrefillTime of(TextConfig text, Precision precision, ComputeDevice device, Rates rates) {
        return new PrefillTime(text, MicroBenchmark.prefillRows(precision, device), rates.prefillLinearSecondsPerToken(),
                rates.prefillAttention());
    }

    /** The model's own seconds, before the stored rate scales them ({@link #seconds}). */
    public double modelSeconds(int fresh, int reused) {
        if (fresh <= 0) return 0;
        double attentionSeconds = 0;
        for (int start = 0; start < fresh; start += chunk) {
            int queries = Math.min(chunk, fresh - start);
            long past = (long) reused + start;
            attentionSeconds += AttentionKernelRate.flops(text, queries, past)
                    / attentionFlopsPerSecond(past + queries);
        }
        return fresh * linearSecondsPerToken + text.numLayers() * attentionSeconds;
    }

    /** Attention's FLOP rate over a cache of {@code keys} positions. */
    public double attentionFlopsPerSecond(long keys) {
        AttentionRate first = attention.get(0);
        if (keys <= first.keys()) return first.flopsPerSecond();
        for (int i = 1; i < attention.size(); i++) {
            AttentionRate upper = attention.get(i);
            if (keys <= upper.keys()) {
                AttentionRate lower = attention.get(i - 1);
                double f = Math.log((double) keys / lower.keys()) / Math.log((double) upper.keys() / lower.keys());
                return lower.flopsPerSecond() + f * (upper.flopsPerSecond() - lower.flopsPerSecond());
            }
        }
        return attention.get(attention.size() - 1).flopsPerSecond();
    }

    /** Tokens per second of the reference prompt by the model alone (the first-use rate). */
    public double referenceTokensPerSecond() {
        return REFERENCE_TOKENS / modelSeconds(REFERENCE_TOKENS, 0);
    }

    /**
     * Seconds of prefilling {@code fresh} tokens after {@code reused} cached ones, for a stored reference rate
     * {@code referenceTokensPerSecond}: the model's seconds scaled so that the reference prompt takes
     * {@code REFERENCE_TOKENS / referenceTokensPerSecond}.
     */
    public double seconds(int fresh, int reused, double referenceTokensPerSecond) {
        if (fresh <= 0) return 0;
        return modelSeconds(fresh, reused) / modelSeconds(REFERENCE_TOKENS, 0) * REFERENCE_TOKENS
                / referenceTokensPerSecond;
    }

    /**
     * The reference prompt's rate a run implies that prefilled {@code fresh} tokens after {@code reused} cached ones
     * in {@code measuredSeconds}: its time converted to the reference prompt by the model's ratio of the two. A run
     * that took exactly {@link #seconds} implies the rate that predicted it. 0 where the run prefilled nothing.
     */
    public double referenceTokensPerSecond(int fresh, int reused, double measuredSeconds) {
        if (fresh <= 0 || !(measuredSeconds > 0)) return 0;
        return REFERENCE_TOKENS * modelSeconds(fresh, reused) / (measuredSeconds * modelSeconds(REFERENCE_TOKENS, 0));
    }
}
