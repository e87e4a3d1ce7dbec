package dev.framewise.engine.generate;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/** Arithmetic on a logits vector: the processing Hugging Face applies before sampling, and log-probabilities. */
public final class Logits {
    private Logits() {
    }

    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    /**
     * RepetitionPenaltyLogitsProcessor: every token already in the sequence (prompt and generated) has its
     * logit divided by the penalty when positive, multiplied when negative. In place.
     */
    public static void applyRepetitionPenalty(float[] logits, BitSet seen, double penalty) {
        if (penalty == 1) return;
        for (int id = seen.nextSetBit(0); id >= 0 && id < logits.length; id = seen.nextSetBit(id + 1)) {
            logits[id] = (float) (logits[id] < 0 ? logits[id] * penalty : logits[id] / penalty);
        }
    }

    /** TemperatureLogitsWarper, in place; temperature 0 (greedy) leaves the logits as they are. */
    public static void applyTemperature(float[] logits, double temperature) {
        if (temperature == 0 || temperature == 1) return;
        for (int i = 0; i < logits.length; i++) logits[i] = (float) (logits[i] / temperature);
    }

    public static double[] softmax(float[] logits) {
        double max = logits[argmax(logits)];
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    /** log(sum(exp(logits))), so that {@code logits[i] - logSumExp} is token i's log-probability. */
    public static double logSumExp(float[] logits) {
        double max = logits[argmax(logits)];
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        return max + Math.log(sum);
    }

    /** Ids of the {@code k} largest values, largest first (ties: lower id first). */
    public static int[] topIndices(float[] values, int k) {
        int n = Math.min(k, values.length);
        int[] top = new int[n];
        if (n == 0) return top;
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            if (size == n && values[i] <= values[top[n - 1]]) continue;
            int j = size < n ? size++ : n - 1;
            while (j > 0 && values[top[j - 1]] < values[i]) {
                top[j] = top[j - 1];
                j--;
            }
            top[j] = i;
        }
        return top;
    }

    /** Indices whose probability is at least {@code cutoff}, most likely first. */
    static int[] descendingOrder(double[] probs, double cutoff) {
        int[] candidates = IntStream.range(0, probs.length).filter(i -> probs[i] >= cutoff).toArray();
        if (candidates.length == 0) candidates = new int[] {argmaxOf(probs)};
        return Arrays.stream(candidates).boxed()
                .sorted((a, b) -> a.equals(b) ? 0 : probs[b] != probs[a] ? Double.compare(probs[b], probs[a]) : a - b)
                .mapToInt(Integer::intValue).toArray();
    }

    static double kthLargest(double[] values, int k) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[Math.max(0, copy.length - k)];
    }

    private static int argmaxOf(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
