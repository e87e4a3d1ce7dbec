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

    /** The position of a token appended at sequence index {@code index} (decoding): index + ropeDelta. */
    public int positionOf(int index) {
        return index + ropeDelta;
    }
}
