package dev.framewise.engine.generate;

import java.util.BitSet;

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

    /**
     * vLLM's presence and frequency penalties ({@code apply_penalties}, after the repetition penalty): the logit of
     * each token generated so far loses {@code frequency · count + presence}. {@code ids[i]} was generated
     * {@code counts[i]} times; the prompt does not count. In place.
     */
    public static void applyPresenceFrequencyPenalty(float[] logits, int[] ids, int[] counts, int n, double presence,
                                                     double frequency) {
        if (presence == 0 && frequency == 0) return;
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            if (id < logits.length) logits[id] = (float) (logits[id] - frequency * counts[i] - presence);
        }
    }

    /** TemperatureLogitsWarper, in place; temperature 0 (greedy) leaves the logits as they are. */
    public static void applyTemperature(float[] logits, double temperature) {
        if (temperature == 0 || temperature == 1) return;
        for (int i = 0; i < logits.length; i++) logits[i] = (float) (logits[i] / temperature);
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

    /**
     * Indices whose logit is at least {@code cutoff}, largest first (ties: lower index first). Runs once per
     * sampled token over up to the whole vocabulary, so it sorts primitives: a stable merge sort of the
     * candidates, which are gathered in index order.
     */
    static int[] descendingOrder(float[] logits, double cutoff) {
        int count = 0;
        for (float l : logits) if (l >= cutoff) count++;
        if (count == 0) return new int[] {argmax(logits)};
        int[] ids = new int[count];
        for (int i = 0, n = 0; i < logits.length; i++) if (logits[i] >= cutoff) ids[n++] = i;
        int[] other = new int[count];
        for (int width = 1; width < count; width *= 2) {
            for (int lo = 0; lo < count; lo += 2 * width) {
                int mid = Math.min(lo + width, count);
                int hi = Math.min(lo + 2 * width, count);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    other[k] = i == mid || j < hi && logits[ids[j]] > logits[ids[i]] ? ids[j++] : ids[i++];
                }
            }
            int[] swap = ids;
            ids = other;
            other = swap;
        }
        return ids;
    }
}
