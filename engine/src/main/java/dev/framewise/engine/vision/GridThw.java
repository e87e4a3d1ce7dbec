package dev.framewise.engine.vision;

/**
 * The patch grid of one image or video ({@code grid_thw}): {@code t} temporal patches (frame pairs; 1 for an image),
 * {@code h} × {@code w} patches of 14 × 14 pixels.
 */
public record GridThw(int t, int h, int w) {
    public GridThw {
        if (t <= 0 || h <= 0 || w <= 0) throw new IllegalArgumentException("grid_thw must be positive: " + t + "," + h + "," + w);
    }

    /** Rows of pixel_values / patch_embed: t · h · w. */
    public int patches() {
        return t * h * w;
    }

    /** Merged vision tokens (pad tokens in the prompt, rows of the vision embeddings): t · h · w / merge². */
    public int tokens(int mergeSize) {
        return patches() / (mergeSize * mergeSize);
    }

    @Override
    public String toString() {
        return "[" + t + ", " + h + ", " + w + "]";
    }
}
