package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.api.Timings;

/**
 * Where the time of a run went, in milliseconds; the engine's {@link Timings} under explicit file names
 * ({@code cached_prompt_tokens} is absent, read as 0, in files written before it existed).
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
        @JsonProperty("cached_prompt_tokens") Integer cachedPromptTokens) {

    public RunTimings {
        // Boxed only so that files written before the field existed (it is absent there) read as nothing cached.
        if (cachedPromptTokens == null) cachedPromptTokens = 0;
    }

    public static RunTimings of(Timings t) {
        return new RunTimings(t.loadMs(), t.preprocessMs(), t.visionMs(), t.prefillMs(), t.firstTokenMs(),
                t.decodeMs(), t.promptTokens(), t.generatedTokens(), t.cachedPromptTokens());
    }

    public Timings toTimings() {
        return new Timings(loadMs, preprocessMs, visionMs, prefillMs, firstTokenMs, decodeMs, promptTokens,
                generatedTokens, cachedPromptTokens);
    }
}
