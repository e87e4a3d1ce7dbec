package dev.framewise.engine.estimate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The FLOP rate of a prefill chunk's attention over a KV cache of {@code keys} positions on this machine, as the
 * first-use calibration measured it ({@link dev.framewise.engine.model.AttentionKernelRate}): attention over a long
 * cache runs at a lower rate than over a short one, so the prefill's estimate takes each chunk's at its own length.
 */
public record AttentionRate(@JsonProperty("keys") int keys,
                            @JsonProperty("flops_per_second") double flopsPerSecond) {
    public AttentionRate {
        if (keys < 1 || !(flopsPerSecond > 0) || Double.isInfinite(flopsPerSecond)) {
            throw new IllegalArgumentException("an attention rate needs keys and a positive, finite rate");
        }
    }
}
