package dev.framewise.engine.media;

import java.nio.file.Path;

/**
 * What a probe learns about a media file. For an image: frameCount 1, durations and rates 0.
 * {@code width}/{@code height} are the stored size; {@link #displayWidth()}/{@link #displayHeight()}
 * apply the rotation. {@code startSeconds} is the first frame's presentation time (not always 0).
 */
public record MediaInfo(Path path, Kind kind, String codec, int width, int height, int rotationDegrees,
                        double durationSeconds, double averageFps, double realFps, long frameCount,
                        boolean frameCountExact, boolean variableFrameRate, double startSeconds) {

    public enum Kind { IMAGE, VIDEO }

    public boolean isVideo() {
        return kind == Kind.VIDEO;
    }

    public int displayWidth() {
        return rotationDegrees % 180 == 0 ? width : height;
    }

    public int displayHeight() {
        return rotationDegrees % 180 == 0 ? height : width;
    }
}
