package dev.framewise.engine.media;

import dev.framewise.engine.api.PromptConvention;

/**
 * Which frames of a video the model gets, and at what size, exactly as qwen-vl-utils {@code fetch_video} of
 * Qwen2.5-VL decides it (decord / torchcodec readers: {@code calculate_video_frame_range}, {@code smart_nframes},
 * {@code torch.linspace(...).round()}, then the per-video pixel bounds and {@code smart_resize}). Pure arithmetic:
 * decoding is the caller's job.
 */
public final class QwenVideoSampler {
    // Constants of qwen-vl-utils vision_process.py.
    public static final int FRAME_FACTOR = 2;
    public static final double FPS = 2.0;
    public static final int FPS_MIN_FRAMES = 4;
    public static final int FPS_MAX_FRAMES = 768;
    public static final int VIDEO_MIN_PIXELS = 128 * 28 * 28;
    public static final int VIDEO_MAX_PIXELS = PromptConvention.VideoDefaults.QWEN_VL_MAX_FRAME_PIXELS;
    /** {@code int(float(os.environ.get('VIDEO_MAX_PIXELS', 128000 * 28 * 28 * 0.9)))} with the variable unset. */
    public static final long VIDEO_TOTAL_PIXELS = 90_316_800L;

    private QwenVideoSampler() {
    }

    /**
     * The sampling decision for a video of {@code totalFrames} frames at {@code videoFps} (average) whose frames
     * are {@code height × width} (as the model will see them, rotation applied).
     *
     * @throws IllegalArgumentException when the video or the clip range has too few frames to sample
     */
    public static SamplingPlan plan(VideoSampling options, long totalFrames, double videoFps, int height, int width) {
        return plan(Rules.QWEN2_5_VL, options, totalFrames, videoFps, height, width);
    }

    /**
     * The per-frame pixel bounds of a qwen-vl-utils release: resized sides are multiples of {@code factor} (patch ×
     * merge); {@code VIDEO_MIN_PIXELS}, {@code VIDEO_MAX_PIXELS} and the total budget follow from it.
     *
     * @param shrinkUnbounded 0.0.14's smart_resize, see {@link SmartResize#applyShrinkUnbounded}
     */
    public record Rules(int factor, long minPixels, long maxPixels, long totalPixels, boolean shrinkUnbounded) {
        /** The qwen-vl-utils of Qwen2.5-VL: factor 28, 128·28² to 768·28² per frame, 128000·28²·0.9 in total. */
        public static final Rules QWEN2_5_VL = new Rules(SmartResize.FACTOR, VIDEO_MIN_PIXELS, VIDEO_MAX_PIXELS,
                VIDEO_TOTAL_PIXELS, false);

        /**
         * qwen-vl-utils 0.0.14 with {@code image_patch_size=16} (Qwen3-VL): factor 32, {@code VIDEO_MIN_TOKEN_NUM}
         * 128 and {@code VIDEO_MAX_TOKEN_NUM} 768 tokens of 32² per frame, {@code MODEL_SEQ_LEN} 128000 · 32² · 0.9
         * in total.
         */
        public static final Rules QWEN3_VL = new Rules(32, 128L * 32 * 32, 768L * 32 * 32,
                (long) (128000.0 * 32 * 32 * 0.9), true);
    }

    /** As {@link #plan(VideoSampling, long, double, int, int)} under the given release's rules. */
    public static SamplingPlan plan(Rules rules, VideoSampling options, long totalFrames, double videoFps, int height,
                                    int width) {
        FrameRange range = calculateVideoFrameRange(options, totalFrames, videoFps);
        int nframes = smartNframes(options, range.count(), videoFps);
        long[] indices = linspaceRounded(range.start(), range.end(), nframes);
        double sampleFps = nframes / Math.max(range.count(), 1e-6) * videoFps;
        double minPixels = options.minPixels() != null ? options.minPixels() : rules.minPixels();
        double totalPixels = options.totalPixels() != null ? options.totalPixels() : rules.totalPixels();
        double maxPixels = Math.max(Math.min(rules.maxPixels(), totalPixels / nframes * FRAME_FACTOR),
                Math.floor(minPixels * 1.05));
        if (options.maxPixels() != null) maxPixels = Math.min(options.maxPixels(), maxPixels);
        int[] resized = rules.shrinkUnbounded()
                ? SmartResize.applyShrinkUnbounded(height, width, rules.factor(), minPixels, maxPixels)
                : SmartResize.apply(height, width, rules.factor(), minPixels, maxPixels);
        return new SamplingPlan(indices, sampleFps, resized[0], resized[1], maxPixels);
    }

    /** qwen-vl-utils {@code calculate_video_frame_range}: the first and last frame of the clip range, inclusive. */
    static FrameRange calculateVideoFrameRange(VideoSampling options, long totalFrames, double videoFps) {
        if (!(videoFps > 0)) throw new IllegalArgumentException("the video's frame rate is unknown, so it cannot be sampled by fps");
        if (totalFrames <= 0) throw new IllegalArgumentException("the video has no frames");
        Double videoStart = options.startSeconds();
        Double videoEnd = options.endSeconds();
        if (videoStart == null && videoEnd == null) return new FrameRange(0, totalFrames - 1);
        double maxDuration = totalFrames / videoFps;
        long startFrame = videoStart == null ? 0 : (long) Math.ceil(Math.max(0.0, Math.min(videoStart, maxDuration)) * videoFps);
        long endFrame = totalFrames - 1;
        if (videoEnd != null) {
            endFrame = Math.min((long) Math.floor(Math.max(0.0, Math.min(videoEnd, maxDuration)) * videoFps), totalFrames - 1);
        }
        if (startFrame >= endFrame) {
            throw new IllegalArgumentException("the clip range " + (videoStart == null ? 0 : videoStart) + " s to "
                    + (videoEnd == null ? maxDuration : videoEnd) + " s holds fewer than 2 frames of this "
                    + String.format("%.2f", maxDuration) + " s video");
        }
        return new FrameRange(startFrame, endFrame);
    }

    /** qwen-vl-utils {@code smart_nframes}: how many frames to sample, a multiple of {@link #FRAME_FACTOR}. */
    static int smartNframes(VideoSampling options, long totalFrames, double videoFps) {
        double nframes;
        if (options.nframes() != null) {
            nframes = roundByFactor(options.nframes(), FRAME_FACTOR);
        } else {
            double fps = options.fps() != null ? options.fps() : FPS;
            double minFrames = ceilByFactor(FPS_MIN_FRAMES, FRAME_FACTOR);
            double maxFrames = floorByFactor(Math.min(FPS_MAX_FRAMES, totalFrames), FRAME_FACTOR);
            nframes = totalFrames / videoFps * fps;
            nframes = Math.min(Math.min(Math.max(nframes, minFrames), maxFrames), totalFrames);
            nframes = floorByFactor(nframes, FRAME_FACTOR);
        }
        if (!(FRAME_FACTOR <= nframes && nframes <= totalFrames)) {
            throw new IllegalArgumentException("cannot sample " + (long) nframes + " frames from " + totalFrames
                    + " (the number of frames must be between " + FRAME_FACTOR + " and " + totalFrames + ")");
        }
        return (int) nframes;
    }

    /**
     * {@code torch.linspace(start, end, steps).round().long()}: float32 linspace as PyTorch's CPU kernel computes it
     * (from the start for the first half, from the end for the second), rounded half to even.
     */
    static long[] linspaceRounded(long start, long end, int steps) {
        float from = start;
        float to = end;
        float step = (to - from) / (float) (steps - 1);
        int halfway = steps / 2;
        long[] result = new long[steps];
        for (int i = 0; i < steps; i++) {
            float value = i < halfway ? from + step * i : to - step * (steps - i - 1);
            result[i] = (long) Math.rint(value);
        }
        return result;
    }

    /** Python's {@code round(number / factor) * factor} (half to even). */
    private static double roundByFactor(double number, int factor) {
        return Math.rint(number / factor) * factor;
    }

    private static double ceilByFactor(double number, int factor) {
        return Math.ceil(number / factor) * factor;
    }

    private static double floorByFactor(double number, int factor) {
        return Math.floor(number / factor) * factor;
    }

    /** Inclusive frame range of a clip. */
    record FrameRange(long start, long end) {
        long count() {
            return end - start + 1;
        }
    }

    /**
     * The outcome: frame indices into the decoded video, the sampling rate the model is told
     * ({@code nframes / frames in range · video fps}), the size smart_resize chose and the max_pixels bound it used.
     */
    public record SamplingPlan(long[] indices, double sampleFps, int resizedHeight, int resizedWidth, double maxPixels) {
        public int nframes() {
            return indices.length;
        }
    }
}
