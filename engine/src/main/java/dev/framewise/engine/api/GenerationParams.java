package dev.framewise.engine.api;

import java.util.List;

/**
 * How to generate. {@code temperature == 0} is greedy; {@code seed} null draws a fresh seed (recorded
 * in the result so the run can be repeated); {@code topLogprobs} alternatives are reported per token.
 * {@code presencePenalty} and {@code frequencyPenalty} are vLLM's (OpenAI's): subtracted from the logit of each
 * token already generated, once and once per occurrence, in [-2, 2]; the prompt does not count, unlike
 * {@code repetitionPenalty}.
 * Build one with {@link #builder()} (or change one field of an existing one with {@link #toBuilder()}).
 */
public record GenerationParams(int maxTokens, double temperature, double topP, int topK, double repetitionPenalty,
                               Long seed, List<String> stop, boolean ignoreEos, int topLogprobs, boolean evidence,
                               double presencePenalty, double frequencyPenalty) {

    public GenerationParams {
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        if (temperature < 0) throw new IllegalArgumentException("temperature must be 0 (greedy) or more, got " + temperature);
        if (topP <= 0 || topP > 1) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top-k must be 0 (off) or more, got " + topK);
        if (repetitionPenalty <= 0) throw new IllegalArgumentException("repetition penalty must be positive, got " + repetitionPenalty);
        if (topLogprobs < 0 || topLogprobs > 20) throw new IllegalArgumentException("top logprobs must be in 0..20, got " + topLogprobs);
        if (!(Math.abs(presencePenalty) <= 2)) throw new IllegalArgumentException("presence penalty must be in -2..2, got " + presencePenalty);
        if (!(Math.abs(frequencyPenalty) <= 2)) throw new IllegalArgumentException("frequency penalty must be in -2..2, got " + frequencyPenalty);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Without presence or frequency penalty. */
    public GenerationParams(int maxTokens, double temperature, double topP, int topK, double repetitionPenalty,
                            Long seed, List<String> stop, boolean ignoreEos, int topLogprobs, boolean evidence) {
        this(maxTokens, temperature, topP, topK, repetitionPenalty, seed, stop, ignoreEos, topLogprobs, evidence, 0, 0);
    }

    /** The sampling that nvidia-cosmos/cosmos-reason1 recommends for reasoning. */
    public static GenerationParams cosmosDefaults() {
        return PromptConvention.COSMOS_REASON1.sampling();
    }

    /** Greedy decoding (seed 0, no penalty), five alternatives per token. */
    public static GenerationParams greedy(int maxTokens) {
        return builder().maxTokens(maxTokens).temperature(0).seed(0L).build();
    }

    /**
     * A builder starting from the neutral values: 256 tokens, temperature 1, top-p 1, no top-k, no repetition
     * penalty, no presence or frequency penalty, a fresh seed, no stop strings, five alternatives per token, no frame evidence.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters, to change some of them. */
    public Builder toBuilder() {
        return new Builder().maxTokens(maxTokens).temperature(temperature).topP(topP).topK(topK)
                .repetitionPenalty(repetitionPenalty).seed(seed).stop(stop).ignoreEos(ignoreEos)
                .topLogprobs(topLogprobs).evidence(evidence).presencePenalty(presencePenalty)
                .frequencyPenalty(frequencyPenalty);
    }

    public GenerationParams withSeed(Long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public GenerationParams withMaxTokens(int newMaxTokens) {
        return toBuilder().maxTokens(newMaxTokens).build();
    }

    /** Named setters for {@link GenerationParams}; {@link #build()} validates. */
    public static final class Builder {
        private int maxTokens = 256;
        private double temperature = 1;
        private double topP = 1;
        private int topK;
        private double repetitionPenalty = 1;
        private Long seed;
        private List<String> stop = List.of();
        private boolean ignoreEos;
        private int topLogprobs = 5;
        private boolean evidence;
        private double presencePenalty;
        private double frequencyPenalty;

        private Builder() {
        }

        public Builder maxTokens(int value) {
            maxTokens = value;
            return this;
        }

        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        public Builder topP(double value) {
            topP = value;
            return this;
        }

        public Builder topK(int value) {
            topK = value;
            return this;
        }

        public Builder repetitionPenalty(double value) {
            repetitionPenalty = value;
            return this;
        }

        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        public Builder stop(List<String> value) {
            stop = value;
            return this;
        }

        public Builder ignoreEos(boolean value) {
            ignoreEos = value;
            return this;
        }

        public Builder topLogprobs(int value) {
            topLogprobs = value;
            return this;
        }

        public Builder evidence(boolean value) {
            evidence = value;
            return this;
        }

        public Builder presencePenalty(double value) {
            presencePenalty = value;
            return this;
        }

        public Builder frequencyPenalty(double value) {
            frequencyPenalty = value;
            return this;
        }

        /** @throws IllegalArgumentException with a message for the user when a value is out of range */
        public GenerationParams build() {
            return new GenerationParams(maxTokens, temperature, topP, topK, repetitionPenalty, seed, stop, ignoreEos,
                    topLogprobs, evidence, presencePenalty, frequencyPenalty);
        }
    }
}
