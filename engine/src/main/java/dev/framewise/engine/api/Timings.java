package dev.framewise.engine.api;

/** Where the time of one generation went, in milliseconds (0 when a stage did not run, e.g. a cache hit). */
public record Timings(double loadMs, double preprocessMs, double visionMs, double prefillMs, double firstTokenMs,
                      double decodeMs, int promptTokens, int generatedTokens) {

    public double decodeTokensPerSecond() {
        return decodeMs <= 0 || generatedTokens <= 1 ? 0 : (generatedTokens - 1) * 1000.0 / decodeMs;
    }

    public double prefillTokensPerSecond() {
        return prefillMs <= 0 ? 0 : promptTokens * 1000.0 / prefillMs;
    }
}
