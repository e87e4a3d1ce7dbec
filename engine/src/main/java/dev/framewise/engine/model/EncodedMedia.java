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
 *
 * <p>Qwen3-VL adds {@code deepstack} (the DeepStack features, one float32 [tokens, hidden] array per level) and
 * {@code timestampTexts} (a video's {@code <t seconds>} text before each temporal patch); both are empty for
 * Qwen2.5-VL.
 */
public record EncodedMedia(VisionInput.Kind kind, GridThw grid, float secondPerGridT, List<FrameRef> frames,
                           float[] embeddings, int hiddenSize, List<float[]> deepstack, List<String> timestampTexts) {
    public EncodedMedia {
        frames = List.copyOf(frames);
        deepstack = List.copyOf(deepstack);
        timestampTexts = List.copyOf(timestampTexts);
        if (embeddings.length % hiddenSize != 0) throw new IllegalArgumentException("embeddings are not [tokens, hidden]");
        for (float[] level : deepstack) {
            if (level.length != embeddings.length) throw new IllegalArgumentException("a DeepStack level is not [tokens, hidden]");
        }
    }

    /** Media of a family without DeepStack or timestamp texts (Qwen2.5-VL). */
    public EncodedMedia(VisionInput.Kind kind, GridThw grid, float secondPerGridT, List<FrameRef> frames,
                        float[] embeddings, int hiddenSize) {
        this(kind, grid, secondPerGridT, frames, embeddings, hiddenSize, List.of(), List.of());
    }

    public int tokens() {
        return embeddings.length / hiddenSize;
    }

    /** The grid as the public API reports it; {@code patchSize} pixels per patch side give the resized size. */
    public VisionGrid visionGrid(int patchSize) {
        return new VisionGrid(kind == VisionInput.Kind.IMAGE ? VisionGrid.Kind.IMAGE : VisionGrid.Kind.VIDEO, grid.t(),
                grid.h(), grid.w(), tokens(), grid.h() * patchSize, grid.w() * patchSize);
    }

    public long bytes() {
        return 4L * embeddings.length * (1 + deepstack.size());
    }
}
