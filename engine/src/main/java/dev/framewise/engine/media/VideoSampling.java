package dev.framewise.engine.media;

import dev.framewise.engine.api.ContentPart;

/**
 * How to sample a video for the model, as the per-item options of qwen-vl-utils {@code fetch_video}:
 * {@code fps} or {@code nframes} (one of them, or neither for the default fps), pixel bounds per frame and
 * in total, and an optional clip range in seconds. Null means the qwen-vl-utils default.
 */
public record VideoSampling(Double fps, Integer nframes, Integer minPixels, Integer maxPixels, Integer totalPixels,
                            Double startSeconds, Double endSeconds) {

    public VideoSampling {
        if (fps != null && nframes != null) throw new IllegalArgumentException("give fps or nframes, not both");
        if (fps != null && !(fps > 0)) throw new IllegalArgumentException("fps must be positive, got " + fps);
        if (nframes != null && nframes < 1) throw new IllegalArgumentException("nframes must be at least 1, got " + nframes);
        if (startSeconds != null && endSeconds != null && endSeconds <= startSeconds) {
            throw new IllegalArgumentException("the clip end (" + endSeconds + " s) must come after its start (" + startSeconds + " s)");
        }
    }

    /** The sampling options a video part of a request carries. */
    public static VideoSampling of(ContentPart.Video part) {
        return new VideoSampling(part.fps(), part.nframes(), part.minPixels(), part.maxPixels(), part.totalPixels(),
                part.videoStart(), part.videoEnd());
    }

    public static VideoSampling defaults() {
        return new VideoSampling(null, null, null, null, null, null, null);
    }

    public static VideoSampling fps(double fps) {
        return new VideoSampling(fps, null, null, null, null, null, null);
    }
}
