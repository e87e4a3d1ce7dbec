package dev.framewise.engine.model;

import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.VisionGrid;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.VisionInput;

import java.util.List;

/**
 * One image or video as the language model takes it: its merged vision embeddings (float32, row-major
 * [tokens, hidden], in the order they replace the pad tokens), its grid and {@code second_per_grid_t} for the
 * M-RoPE positions, and the frames shown (video). What the vision-embedding cache holds.
 */
public record EncodedMedia(VisionInput.Kind kind, GridThw grid, float secondPerGridT, List<FrameRef> frames,
                           float[] embeddings, int hiddenSize) {
    public EncodedMedia {
        frames = List.copyOf(frames);
        if (embeddings.length % hiddenSize != 0) throw new IllegalArgumentException("embeddings are not [tokens, hidden]");
    }

    public int tokens() {
        return embeddings.length / hiddenSize;
    }

    /** The grid as the public API reports it. */
    public VisionGrid visionGrid() {
        return new VisionGrid(kind == VisionInput.Kind.IMAGE ? VisionGrid.Kind.IMAGE : VisionGrid.Kind.VIDEO, grid.t(),
                grid.h(), grid.w(), tokens());
    }

    public long bytes() {
        return 4L * embeddings.length;
    }
}
