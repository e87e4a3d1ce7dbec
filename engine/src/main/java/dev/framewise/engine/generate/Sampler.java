package dev.framewise.engine.generate;

import dev.framewise.engine.api.GenerationParams;

import java.util.SplittableRandom;

/**
 * Picks the next token from processed logits (repetition penalty applied, divided by the temperature).
 * Implementations may reorder nothing and must not keep the array; a random sampler draws from the RNG it
 * was built with, so the same seed and the same logits give the same tokens.
 */
public interface Sampler {
    /**
     * @param logSumExp {@link Logits#logSumExp} of these logits, which the generator computes once per token for the
     *                  token's log-probability as well (a pass over 150k exponentials is not free)
     */
    int sample(float[] logits, double logSumExp);

    /** Greedy for temperature 0, otherwise top-k / top-p sampling with an RNG seeded by {@code seed}. */
    static Sampler of(GenerationParams params, long seed) {
        if (params.temperature() == 0) return new GreedySampler();
        return new TopKTopPSampler(params.topK(), params.topP(), new SplittableRandom(seed));
    }
}
