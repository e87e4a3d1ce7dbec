package dev.framewise.engine.vision;

import dev.framewise.engine.api.FrameRef;

import java.util.List;

/**
 * One image or video after qwen-vl-utils and the image processor: its pixel values (one grid), and for a video
 * the {@code second_per_grid_t} the M-RoPE positions use and the frames the model is shown.
 */
public record VisionInput(Kind kind, PixelValues pixels, float secondPerGridT, List<FrameRef> frames) {

    public enum Kind { IMAGE, VIDEO }

    public VisionInput {
        frames = List.copyOf(frames);
        if (pixels.grids().size() != 1) throw new IllegalArgumentException("one image or video per input");
    }

    public GridThw grid() {
        return pixels.grids().get(0);
    }
}
