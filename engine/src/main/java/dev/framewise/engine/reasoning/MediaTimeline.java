package dev.framewise.engine.reasoning;

/**
 * What a response can refer to: the media's duration and the frames the model was shown, in order
 * ({@code frameTimestamps[k]} seconds, {@code frameIndices[k]} in the decoded video). A still image has no
 * frames and no duration.
 */
public record MediaTimeline(double durationSeconds, double[] frameTimestamps, long[] frameIndices) {
    public MediaTimeline {
        if (frameTimestamps.length != frameIndices.length) {
            throw new IllegalArgumentException("frame timestamps and indices differ in length");
        }
        frameTimestamps = frameTimestamps.clone();
        frameIndices = frameIndices.clone();
    }

    public static MediaTimeline none() {
        return new MediaTimeline(0, new double[0], new long[0]);
    }

    public int frameCount() {
        return frameTimestamps.length;
    }

    /** The shown frame closest in time, or -1 when there are no frames or the time is past the end. */
    public int nearestFrame(double seconds) {
        if (frameTimestamps.length == 0 || seconds < 0 || (durationSeconds > 0 && seconds > durationSeconds + 0.5)) {
            return -1;
        }
        int best = 0;
        for (int k = 1; k < frameTimestamps.length; k++) {
            if (Math.abs(frameTimestamps[k] - seconds) < Math.abs(frameTimestamps[best] - seconds)) best = k;
        }
        return best;
    }
}
