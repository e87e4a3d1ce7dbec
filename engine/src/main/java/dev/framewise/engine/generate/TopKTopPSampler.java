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
    public int sample(float[] logits) {
        double[] probs = Logits.softmax(logits);
        if (topK <= 0 && topP >= 1) return sampleAll(probs);
        int[] order = Logits.descendingOrder(probs, cutoff(probs));
        int keep = topK > 0 ? Math.min(topK, order.length) : order.length;
        // mass of the top-k tokens; without top-k, of the whole vocabulary (order omits only negligible tokens)
        double kept = 0;
        if (topK > 0) {
            for (int i = 0; i < keep; i++) kept += probs[order[i]];
        } else {
            kept = 1;
        }
        // top-p over the renormalised top-k distribution; always keep at least one token
        double cumulative = 0;
        int n = 0;
        while (n < keep) {
            cumulative += probs[order[n]] / kept;
            n++;
            if (cumulative >= topP) break;
        }
        double total = 0;
        for (int i = 0; i < n; i++) total += probs[order[i]];
        double r = rng.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            r -= probs[order[i]];
            if (r < 0) return order[i];
        }
        return order[n - 1];
    }

    /**
     * Pure temperature sampling needs no order: the vocabulary in index order, where sorting 150k probabilities
     * took ~31 ms per token, more than a Qwen2.5-0.5B decoding step.
     */
    private int sampleAll(double[] probs) {
        double r = rng.nextDouble();
        int last = 0;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] == 0) continue;
            last = i;
            r -= probs[i];
            if (r < 0) return i;
        }
        return last; // rounding left r a hair above the total
    }

    /**
     * Tokens below this probability can never be among the kept ones (why llama2.c's top-p sampler filters
     * first): sorting the whole 150k vocabulary per token would cost more than the model on small models. With
     * top-k, the k-th largest probability (only the first k of the order are ever read); otherwise below
     * (1 - topP) / (V - 1) a token cannot be in the top-p set.
     */
    private double cutoff(double[] probs) {
        if (topK > 0) return Logits.kthLargest(probs, topK);
        return (1 - topP) / (probs.length - 1);
    }
}
