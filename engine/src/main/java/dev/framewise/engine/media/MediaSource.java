package dev.framewise.engine.media;

import java.util.List;

/**
 * An opened image or video (from {@code Media.open(path)}). Frames come back as RGB with rotation applied.
 * Not thread-safe: one decoding thread per source (open a second source for a second thread).
 */
public interface MediaSource extends AutoCloseable {

    MediaInfo info();

    /** The frame with this 0-based index in presentation order (an image has only index 0). */
    RgbImage frameAt(long index);

    /** The frame on screen at this time in seconds from the start of the media (presentation timestamps). */
    RgbImage frameAtTime(double seconds);

    /** The index of the frame on screen at this time. */
    long indexAtTime(double seconds);

    /** The presentation time in seconds (from the start of the media) of the frame with this index. */
    double timeOfIndex(long index);

    /** {@code count} evenly spaced thumbnails no wider than {@code maxWidth}, fast (keyframe seeks). */
    List<Thumbnail> filmstrip(int count, int maxWidth);

    /**
     * As {@link #filmstrip}, each thumbnail the frame at the centre of its slice itself rather than the key frame
     * nearest to it: slower where key frames are sparse (a clip with one key frame is decoded from its start), which
     * is why the workbench shows {@link #filmstrip} first and this one once it is ready.
     */
    default List<Thumbnail> exactFilmstrip(int count, int maxWidth) {
        return filmstrip(count, maxWidth);
    }

    /** The frames for the model, sampled as qwen-vl-utils {@code fetch_video} does. */
    SampledFrames sample(VideoSampling options);

    /** As {@link #sample(VideoSampling)} under another qwen-vl-utils release's rules (Qwen3-VL's factor 32). */
    default SampledFrames sample(VideoSampling options, QwenVideoSampler.Rules rules) {
        return sample(options);
    }

    @Override
    void close();

    record Thumbnail(double timestampSeconds, RgbImage image) {
    }
}
