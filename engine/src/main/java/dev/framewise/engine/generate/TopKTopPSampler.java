package dev.framewise.engine.generate;

import java.util.random.RandomGenerator;

/**
 * Samples from the softmax of the logits restricted to the {@code topK} most likely tokens (0: all) and then to
 * the smallest set of most likely tokens whose probability reaches {@code topP} (Hugging Face's
 * TopKLogitsWarper then TopPLogitsWarper).
 */
public final class TopKTopPSampler implements Sampler {
    private final int topK;
    private final double topP;
    private final RandomGenerator rng;

    public TopKTopPSampler(int topK, double topP, RandomGenerator rng) {
        this.topK = topK;
        this.topP = topP;
        this.rng = rng;
    }

    @Override
    public int sample(float[] logits, double logSumExp) {
        if (topK <= 0 && topP >= 1) return sampleAll(logits, logSumExp);
        // Only tokens that can be kept are ordered: sorting the whole 150k vocabulary per token would cost more
        // than the model on small models, and so would the probabilities of all of it.
        int[] order = topK > 0 ? Logits.topIndices(logits, topK) : topPOrder(logits, logSumExp);
        int keep = order.length;
        double[] probs = new double[keep];
        for (int i = 0; i < keep; i++) probs[i] = Math.exp(logits[order[i]] - logSumExp);
        // mass of the top-k tokens; without top-k, of the whole vocabulary (order omits only negligible tokens)
        double kept = 0;
        if (topK > 0) {
            for (double p : probs) kept += p;
        } else {
            kept = 1;
        }
        // top-p over the renormalised top-k distribution; always keep at least one token
        double cumulative = 0;
        int n = 0;
        while (n < keep) {
            cumulative += probs[n] / kept;
            n++;
            if (cumulative >= topP) break;
        }
        double total = 0;
        for (int i = 0; i < n; i++) total += probs[i];
        double r = rng.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            r -= probs[i];
            if (r < 0) return order[i];
        }
        return order[n - 1];
    }

    /**
     * Pure temperature sampling needs no order: the vocabulary in index order, because sorting 150k probabilities
     * takes longer than a small model's decoding step (docs/decode-speed.md).
     */
    private int sampleAll(float[] logits, double logSumExp) {
        double r = rng.nextDouble();
        int last = 0;
        for (int i = 0; i < logits.length; i++) {
            double p = Math.exp(logits[i] - logSumExp);
            if (p == 0) continue;
            last = i;
            r -= p;
            if (r < 0) return i;
        }
        return last; // rounding left r a hair above the total
    }

    /**
     * The tokens the top-p set is taken from, most likely first. One of probability below (1 - topP) / (V - 1)
     * cannot be in it (llama2.c's top-p sampler filters the same way), but thousands of a 150k vocabulary may pass
     * that bound (and sorting them all costs time per token), so the likeliest ones, of probability 1e-4 and more (at most 10,000),
     * come first: when they reach topP, the set is a prefix of their order, summed in the same order below.
     */
    private int[] topPOrder(float[] logits, double logSumExp) {
        int[] likely = Logits.descendingOrder(logits, logSumExp + Math.log(1e-4));
        double mass = 0;
        for (int id : likely) mass += Math.exp(logits[id] - logSumExp);
        if (mass >= topP) return likely;
        return Logits.descendingOrder(logits, logSumExp + Math.log((1 - topP) / (logits.length - 1)));
    }
}
