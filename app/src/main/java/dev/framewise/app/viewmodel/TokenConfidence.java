package dev.framewise.app.viewmodel;

/**
 * How sure the model was of a token, from its log-probability: the probability, and a level for shading (the run
 * view's Confidence toggle) and colouring (the prompt lab's confidence chart), so both read a token alike.
 */
public final class TokenConfidence {
    private TokenConfidence() {
    }

    /** The token's probability (0..1), NaN when the engine gave none. */
    public static double probability(double logprob) {
        return Math.exp(logprob);
    }

    /** 0 for a confident token (p > 0.8), up to 3 for an unlikely one (p < 0.2). */
    public static int level(double logprob) {
        double p = probability(logprob);
        if (Double.isNaN(p) || p > 0.8) return 0;
        if (p > 0.5) return 1;
        if (p > 0.2) return 2;
        return 3;
    }
}
