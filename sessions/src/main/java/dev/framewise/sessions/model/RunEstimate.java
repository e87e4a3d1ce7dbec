package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.api.CostEstimate;

/**
 * What the cost preview estimated before a run (the engine's {@link CostEstimate} under explicit file names),
 * kept beside the run's actual timings so that estimate and actual can be compared: seconds per stage before the
 * first token, and the counts and memory they were worked out from.
 */
public record RunEstimate(
        @JsonProperty("frames") int frames,
        @JsonProperty("vision_tokens") int visionTokens,
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("memory_bytes") long memoryBytes,
        @JsonProperty("seconds_to_first_token") double secondsToFirstToken,
        @JsonProperty("media_seconds") double mediaSeconds,
        @JsonProperty("vision_seconds") double visionSeconds,
        @JsonProperty("prefill_seconds") double prefillSeconds,
        @JsonProperty("overhead_seconds") double overheadSeconds,
        @JsonProperty("calibrated_runs") int calibratedRuns) {

    /** null for null (a run asked without an estimate). */
    public static RunEstimate of(CostEstimate e) {
        if (e == null) return null;
        return new RunEstimate(e.frames(), e.visionTokens(), e.promptTokens(), e.memoryBytes(), e.secondsToFirstToken(),
                e.mediaSeconds(), e.visionSeconds(), e.prefillSeconds(), e.overheadSeconds(), e.calibratedRuns());
    }
}
