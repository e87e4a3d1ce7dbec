package dev.framewise.engine.model;


import dev.framewise.engine.torch.TorchValue;

import java.util.Arrays;

/**
 * Qwen3-VL's DeepStack input of one prompt: the prompt rows of its visual tokens ({@code visual_pos_masks}, in
 * order) and the features of every DeepStack level as one tensor {@code [levels, rows.length, hidden]} (level K is
 * added after decoder layer K in the prefill). Owns the feature handle.
 */
public record DeepstackFeatures(int[] rows, TorchValue features) implements AutoCloseable {

    /** The rows in {@code [from, to)} (one prefill chunk), shifted to start at 0. */
    public int[] rowsIn(int from, int to) {
        return Arrays.stream(rows).filter(r -> r >= from && r < to).map(r -> r - from).toArray();
    }

    /** How many of the rows lie before {@code from}: the first feature row a prefill from there needs. */
    public int firstRowFrom(int from) {
        return (int) Arrays.stream(rows).filter(r -> r < from).count();
    }

    @Override
    public void close() {
        features.close();
    }
}
