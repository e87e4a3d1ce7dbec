package dev.framewise.engine.api;

/**
 * Where the time of one generation went, in milliseconds (0 when a stage did not run, e.g. a cache hit):
 * loading the model, preparing the prompt (template, tokens, embeddings), media decode (decoding, resizing and
 * preprocessing frames: {@code mediaMs}), vision encode (the vision tower: {@code visionMs}), prefill, first token
 * ({@code firstTokenMs} counts from the start of prefill, so it includes it) and decode.
 * {@code cachedPromptTokens} of the {@code promptTokens} came from the prompt-prefix cache and were not prefilled.
 */
public record Timings(double loadMs, double preprocessMs, double visionMs, double prefillMs, double firstTokenMs,
                      double decodeMs, int promptTokens, int generatedTokens, int cachedPromptTokens, double mediaMs) {

    /** Timings without a separate media-decode figure (a server's, or media decode counted into vision). */
    public Timings(double loadMs, double preprocessMs, double visionMs, double prefillMs, double firstTokenMs,
                   double decodeMs, int promptTokens, int generatedTokens, int cachedPromptTokens) {
        this(loadMs, preprocessMs, visionMs, prefillMs, firstTokenMs, decodeMs, promptTokens, generatedTokens,
                cachedPromptTokens, 0);
    }

    /** Timings of a run that re-used nothing from a prompt cache. */
    public Timings(double loadMs, double preprocessMs, double visionMs, double prefillMs, double firstTokenMs,
                   double decodeMs, int promptTokens, int generatedTokens) {
        this(loadMs, preprocessMs, visionMs, prefillMs, firstTokenMs, decodeMs, promptTokens, generatedTokens, 0);
    }

    /**
     * From the request to the first token with the model loaded: preparing the prompt, media decode, vision encode,
     * prefill and the first token's sampling.
     */
    public double timeToFirstTokenMs() {
        return preprocessMs + mediaMs + visionMs + firstTokenMs;
    }

    public double decodeTokensPerSecond() {
        return decodeMs <= 0 || generatedTokens <= 1 ? 0 : (generatedTokens - 1) * 1000.0 / decodeMs;
    }

    /** Prompt tokens actually run per second of prefill (those re-used from the prompt cache took no time). */
    public double prefillTokensPerSecond() {
        int prefilled = promptTokens - cachedPromptTokens;
        return prefillMs <= 0 || prefilled <= 0 ? 0 : prefilled * 1000.0 / prefillMs;
    }
}
