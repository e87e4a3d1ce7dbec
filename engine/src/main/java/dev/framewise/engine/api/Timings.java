package dev.framewise.engine.api;

/**
 * Where the time of one generation went, in milliseconds (0 when a stage did not run, e.g. a cache hit).
 * {@code cachedPromptTokens} of the {@code promptTokens} came from the prompt-prefix cache and were not prefilled.
 */
public record Timings(double loadMs, double preprocessMs, double visionMs, double prefillMs, double firstTokenMs,
                      double decodeMs, int promptTokens, int generatedTokens, int cachedPromptTokens) {

    /** Timings of a run that re-used nothing from a prompt cache. */
    public Timings(double loadMs, double preprocessMs, double visionMs, double prefillMs, double firstTokenMs,
                   double decodeMs, int promptTokens, int generatedTokens) {
        this(loadMs, preprocessMs, visionMs, prefillMs, firstTokenMs, decodeMs, promptTokens, generatedTokens, 0);
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
