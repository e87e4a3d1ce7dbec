package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.api.Timings;

/**
 * Where the time of a run went, in milliseconds; the engine's {@link Timings} under explicit file names
 * ({@code cached_prompt_tokens} and {@code media_ms} are absent, read as 0, in files written before they existed;
 * there media decode is counted in {@code vision_ms}), and the cost preview's {@code estimate} made before the run
 * (null when none was made).
 */
public record RunTimings(
        @JsonProperty("load_ms") double loadMs,
        @JsonProperty("preprocess_ms") double preprocessMs,
        @JsonProperty("vision_ms") double visionMs,
        @JsonProperty("prefill_ms") double prefillMs,
        @JsonProperty("first_token_ms") double firstTokenMs,
        @JsonProperty("decode_ms") double decodeMs,
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("generated_tokens") int generatedTokens,
        @JsonProperty("cached_prompt_tokens") Integer cachedPromptTokens,
        @JsonProperty("media_ms") Double mediaMs,
        @JsonProperty("estimate") RunEstimate estimate) {

    public RunTimings {
        // Boxed only so that files written before the fields existed (they are absent there) read as 0.
        if (cachedPromptTokens == null) cachedPromptTokens = 0;
        if (mediaMs == null) mediaMs = 0.0;
    }

    public RunTimings(double loadMs, double preprocessMs, double visionMs, double prefillMs, double firstTokenMs,
                      double decodeMs, int promptTokens, int generatedTokens, Integer cachedPromptTokens) {
        this(loadMs, preprocessMs, visionMs, prefillMs, firstTokenMs, decodeMs, promptTokens, generatedTokens,
                cachedPromptTokens, 0.0, null);
    }

    public static RunTimings of(Timings t) {
        return of(t, null);
    }

    /** The actual timings with the estimate made before the run (null: none). */
    public static RunTimings of(Timings t, RunEstimate estimate) {
        return new RunTimings(t.loadMs(), t.preprocessMs(), t.visionMs(), t.prefillMs(), t.firstTokenMs(),
                t.decodeMs(), t.promptTokens(), t.generatedTokens(), t.cachedPromptTokens(), t.mediaMs(), estimate);
    }

    public Timings toTimings() {
        return new Timings(loadMs, preprocessMs, visionMs, prefillMs, firstTokenMs, decodeMs, promptTokens,
                generatedTokens, cachedPromptTokens, mediaMs);
    }
}
