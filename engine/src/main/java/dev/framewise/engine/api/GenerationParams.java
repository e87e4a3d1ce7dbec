package dev.framewise.engine.api;

import java.util.List;

/**
 * How to generate. {@code temperature == 0} is greedy; {@code seed} null draws a fresh seed (recorded
 * in the result so the run can be repeated); {@code topLogprobs} alternatives are reported per token.
 */
public record GenerationParams(int maxTokens, double temperature, double topP, int topK, double repetitionPenalty,
                               Long seed, List<String> stop, boolean ignoreEos, int topLogprobs, boolean evidence) {

    public GenerationParams {
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        if (temperature < 0) throw new IllegalArgumentException("temperature must be 0 (greedy) or more, got " + temperature);
        if (topP <= 0 || topP > 1) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top-k must be 0 (off) or more, got " + topK);
        if (repetitionPenalty <= 0) throw new IllegalArgumentException("repetition penalty must be positive, got " + repetitionPenalty);
        if (topLogprobs < 0 || topLogprobs > 20) throw new IllegalArgumentException("top logprobs must be in 0..20, got " + topLogprobs);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** The sampling that nvidia-cosmos/cosmos-reason1 recommends for reasoning. */
    public static GenerationParams cosmosDefaults() {
        return PromptConvention.COSMOS_REASON1.sampling();
    }

    public static GenerationParams greedy(int maxTokens) {
        return new GenerationParams(maxTokens, 0, 1, 0, 1, 0L, List.of(), false, 5, false);
    }

    public GenerationParams withSeed(Long newSeed) {
        return new GenerationParams(maxTokens, temperature, topP, topK, repetitionPenalty, newSeed, stop, ignoreEos,
                topLogprobs, evidence);
    }

    public GenerationParams withMaxTokens(int newMaxTokens) {
        return new GenerationParams(newMaxTokens, temperature, topP, topK, repetitionPenalty, seed, stop, ignoreEos,
                topLogprobs, evidence);
    }
}
