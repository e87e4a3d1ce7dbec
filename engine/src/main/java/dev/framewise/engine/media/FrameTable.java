package dev.framewise.engine.media;

import java.util.Arrays;

/**
 * The presentation timestamps of every frame of a video stream, found by reading its packets without decoding.
 * It gives the exact frame count, index ↔ time in both directions (correct for variable frame rate and for
 * streams that do not start at 0) and the key frames to seek to. Timestamps are in the stream's time base
 * {@code timeBaseNum / timeBaseDen} seconds.
 */
final class FrameTable {
    /** Tolerance, in time-base ticks, for a time that lands on a frame boundary but was rounded below it. */
    private static final double TICK_EPSILON = 1e-6;

    private final long[] pts;      // (frames) ascending presentation timestamps
    private final long[] keyPts;   // (key frames) ascending presentation timestamps of key frames
    private final long lastFrameTicks;
    private final int timeBaseNum;
    private final int timeBaseDen;
    private final boolean complete;
    private final boolean decodeOrder;

    FrameTable(long[] pts, long[] keyPts, long lastFrameTicks, int timeBaseNum, int timeBaseDen,
               boolean complete, boolean decodeOrder) {
        if (pts.length == 0) throw new IllegalArgumentException("a frame table needs at least one frame");
        this.pts = pts;
        this.keyPts = keyPts;
        this.lastFrameTicks = lastFrameTicks;
        this.timeBaseNum = timeBaseNum;
        this.timeBaseDen = timeBaseDen;
        this.complete = complete;
        this.decodeOrder = decodeOrder;
    }

    /**
     * True when some packets carry no presentation time (AVI with packed B-frames): the times here are then decode
     * times in frame order, and decoded frames must be counted, from the first frame, rather than matched by time.
     */
    boolean timestampsInDecodeOrder() {
        return decodeOrder;
    }

    int size() {
        return pts.length;
    }

    /** False when the packet scan stopped at its bound before the end of the file. */
    boolean complete() {
        return complete;
    }

    long pts(long index) {
        return pts[(int) index];
    }

    /** Seconds between the first frame and the frame with this index. */
    double secondsOf(long index) {
        return ticksToSeconds(pts[(int) index] - pts[0]);
    }

    double startSeconds() {
        return ticksToSeconds(pts[0]);
    }

    /** From the first frame's start to the last frame's end. */
    double durationSeconds() {
        return ticksToSeconds(pts[pts.length - 1] - pts[0] + lastFrameTicks);
    }

    /** The index of the frame on screen {@code seconds} after the first frame (clamped to the video). */
    long indexAtSeconds(double seconds) {
        if (!(seconds > 0)) return 0;
        long ticks = pts[0] + (long) Math.floor(seconds * timeBaseDen / timeBaseNum + TICK_EPSILON);
        int found = Arrays.binarySearch(pts, ticks);
        return found >= 0 ? found : Math.max(0, -found - 2);
    }

    /** The index of the frame with exactly this timestamp, or -1. */
    long indexOfPts(long timestamp) {
        int found = Arrays.binarySearch(pts, timestamp);
        return found >= 0 ? found : -1;
    }

    /** Position in the key-frame list of the last key frame at or before this timestamp (0 if none is). */
    int keyFrameBefore(long timestamp) {
        int found = Arrays.binarySearch(keyPts, timestamp);
        return found >= 0 ? found : Math.max(0, -found - 2);
    }

    /** Position in the key-frame list of the key frame nearest to this timestamp. */
    int keyFrameNearest(long timestamp) {
        int before = keyFrameBefore(timestamp);
        if (before + 1 < keyPts.length && keyPts[before + 1] - timestamp < timestamp - keyPts[before]) return before + 1;
        return before;
    }

    long keyPts(int key) {
        return keyPts[key];
    }

    /** Frames per second over the whole stream (frame count / duration). */
    double meanFps() {
        double duration = durationSeconds();
        return duration > 0 ? pts.length / duration : 0;
    }

    /**
     * Whether frame durations vary by more than rounding: some containers store times in coarse units (a 1/1000 s
     * time base gives 33 and 34 ms alternately at 30 fps), so a spread within 2 ticks or 10 % is constant.
     */
    boolean variableFrameRate() {
        if (pts.length < 3) return false;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 1; i < pts.length; i++) {
            long delta = pts[i] - pts[i - 1];
            min = Math.min(min, delta);
            max = Math.max(max, delta);
        }
        return max - min > Math.max(2, 0.1 * min);
    }

    private double ticksToSeconds(long ticks) {
        return (double) (ticks * timeBaseNum) / timeBaseDen;
    }
}
