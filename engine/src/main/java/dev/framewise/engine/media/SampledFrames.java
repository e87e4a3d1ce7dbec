package dev.framewise.engine.media;

import java.util.List;

/**
 * Frames chosen for the model: the decoded frames at their native (rotated) size, their indices into the
 * decoded video and their presentation times, the size smart_resize chose ({@code resizedHeight} ×
 * {@code resizedWidth}; the vision preprocessor resizes), and {@code sampleFps} = nframes / total · video fps.
 */
public record SampledFrames(List<RgbImage> frames, long[] indices, double[] timestampsSeconds, int resizedHeight,
                            int resizedWidth, double sampleFps) {
    public SampledFrames {
        frames = List.copyOf(frames);
        if (indices.length != frames.size() || timestampsSeconds.length != frames.size()) {
            throw new IllegalArgumentException("frames, indices and timestamps differ in length");
        }
    }

    /** Seconds of video covered by one temporal patch of 2 frames, as the model sees it ({@code second_per_grid_t}). */
    public double secondsPerGridT(int temporalPatchSize) {
        return temporalPatchSize / sampleFps;
    }
}
