package dev.framewise.engine.vision;

/**
 * M-RoPE position ids of a prompt, {@code ids[axis][token]} with axis 0 = temporal, 1 = height, 2 = width, and
 * {@code ropeDelta} = max(ids) + 1 − length: a generated token at sequence index i has position i + ropeDelta on
 * all three axes.
 */
public record MropePositions(int[][] ids, int ropeDelta) {
    public MropePositions {
        if (ids.length != 3 || ids[1].length != ids[0].length || ids[2].length != ids[0].length) {
            throw new IllegalArgumentException("M-RoPE ids need three rows of equal length");
        }
    }

    public int length() {
        return ids[0].length;
    }

    /** The ids widened to int64, as the language model takes them. */
    public long[][] asLongs() {
        long[][] out = new long[3][length()];
        for (int axis = 0; axis < 3; axis++) {
            for (int i = 0; i < length(); i++) out[axis][i] = ids[axis][i];
        }
        return out;
    }
}
