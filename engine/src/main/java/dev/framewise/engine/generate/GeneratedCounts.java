package dev.framewise.engine.generate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each token has been generated so far (vLLM's {@code output_bin_counts}), for the presence and
 * frequency penalties; one slot per distinct token, so it stays as small as the answer, not the vocabulary.
 */
final class GeneratedCounts {
    private final Map<Integer, Integer> slots = new HashMap<>();
    private int[] ids = new int[16];
    private int[] counts = new int[16];
    private int size;

    void add(int token) {
        Integer slot = slots.get(token);
        if (slot != null) {
            counts[slot]++;
            return;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        slots.put(token, size);
        ids[size] = token;
        counts[size] = 1;
        size++;
    }

    /** Applies the penalties to {@code logits} in place (nothing when both are 0). */
    void penalise(float[] logits, double presence, double frequency) {
        Logits.applyPresenceFrequencyPenalty(logits, ids, counts, size, presence, frequency);
    }
}
