package dev.framewise.engine.estimate;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How fast this machine runs one model shape at one precision on one device: the rates a cost estimate divides
 * by. {@code overheadSeconds} is what a run takes besides the four rated stages (template, tokens, embeddings,
 * sampling the first token). {@code runs} counts the real runs that refined the rates (0: micro-benchmark only).
 *
 * <p>Prefill by length ({@link PrefillTime}): {@code prefillTokensPerSecond} is the rate of a fresh
 * {@link PrefillTime#REFERENCE_TOKENS}-token prompt, the one runs refine (each run's rate converted to that prompt);
 * {@code prefillLinearSecondsPerToken} (matrix products and the rest, per token) and {@code prefillAttention}
 * (attention's rate by cache length) are the first-use calibration's, and only shape how the time grows with the
 * prompt. A file without them (an older version's) is not rates: it is measured again.
 */
public record Rates(@JsonProperty("media_frames_per_second") double mediaFramesPerSecond,
                    @JsonProperty("vision_patches_per_second") double visionPatchesPerSecond,
                    @JsonProperty("prefill_tokens_per_second") double prefillTokensPerSecond,
                    @JsonProperty("decode_tokens_per_second") double decodeTokensPerSecond,
                    @JsonProperty("overhead_seconds") double overheadSeconds,
                    @JsonProperty("runs") int runs,
                    @JsonProperty("prefill_linear_seconds_per_token") double prefillLinearSecondsPerToken,
                    @JsonProperty("prefill_attention") List<AttentionRate> prefillAttention) {

    /** After a few runs each new one moves the rates by this share (an exponential average). */
    static final double RUN_WEIGHT = 0.3;

    public Rates {
        if (!(mediaFramesPerSecond > 0) || !(visionPatchesPerSecond > 0) || !(prefillTokensPerSecond > 0)
                || !(decodeTokensPerSecond > 0) || !(overheadSeconds >= 0) || runs < 0
                || Double.isInfinite(mediaFramesPerSecond + visionPatchesPerSecond + prefillTokensPerSecond
                        + decodeTokensPerSecond + overheadSeconds)) {
            throw new IllegalArgumentException("rates must be positive and finite");
        }
        if (!(prefillLinearSecondsPerToken > 0) || Double.isInfinite(prefillLinearSecondsPerToken)
                || prefillAttention == null || prefillAttention.isEmpty()
                || prefillAttention.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("rates need the prefill's linear part and attention rates");
        }
        prefillAttention = List.copyOf(prefillAttention);
        for (int i = 1; i < prefillAttention.size(); i++) {
            if (prefillAttention.get(i).keys() <= prefillAttention.get(i - 1).keys()) {
                throw new IllegalArgumentException("attention rates must be in order of cache length");
            }
        }
    }

    /**
     * These rates moved towards a run's measured ones. The first real run replaces the micro-benchmark's figures
     * outright (it ran the model itself, the micro-benchmark only matrix products of its size); later runs weigh
     * {@code 1/(runs+1)} until that falls to {@link #RUN_WEIGHT}, then {@link #RUN_WEIGHT}. The average is taken
     * of the logarithms, so one slow outlier (a busy machine) moves a rate by a factor, not to it. A stage the run
     * did not measure (0 frames, a cache hit) keeps its rate.
     */
    public Rates refined(Measured run) {
        double w = Math.max(RUN_WEIGHT, 1.0 / (runs + 1));
        return new Rates(blend(mediaFramesPerSecond, run.mediaFramesPerSecond(), w),
                blend(visionPatchesPerSecond, run.visionPatchesPerSecond(), w),
                blend(prefillTokensPerSecond, run.prefillTokensPerSecond(), w),
                blend(decodeTokensPerSecond, run.decodeTokensPerSecond(), w),
                run.overheadSeconds() < 0 ? overheadSeconds : (1 - w) * overheadSeconds + w * run.overheadSeconds(),
                runs + 1, prefillLinearSecondsPerToken, prefillAttention);
    }

    /**
     * These rates with another prefill model: a first-use one re-derived from a loaded model's own kernel (its
     * linear part), at the reference rate that model gives.
     */
    public Rates withPrefill(double linearSecondsPerToken, double referenceTokensPerSecond) {
        return new Rates(mediaFramesPerSecond, visionPatchesPerSecond, referenceTokensPerSecond, decodeTokensPerSecond,
                overheadSeconds, runs, linearSecondsPerToken, prefillAttention);
    }

    private static double blend(double old, double measured, double w) {
        if (!(measured > 0) || Double.isInfinite(measured)) return old;
        return Math.exp((1 - w) * Math.log(old) + w * Math.log(measured));
    }

    /**
     * A run's own rates; 0 (or a negative overhead) where the run did not measure a stage. Its prefill rate is the
     * reference prompt's it implies ({@link PrefillTime#referenceTokensPerSecond(int, int, double)}).
     */
    public record Measured(double mediaFramesPerSecond, double visionPatchesPerSecond, double prefillTokensPerSecond,
                           double decodeTokensPerSecond, double overheadSeconds) {
    }
}
