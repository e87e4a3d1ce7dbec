package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.media.MediaInfo;

/** The probe summary kept with a media item: enough to show it and to reason about frame times offline. */
public record MediaProbe(
        @JsonProperty("kind") MediaKind kind,
        @JsonProperty("duration_seconds") double durationSeconds,
        @JsonProperty("fps") double fps,
        @JsonProperty("width") int width,
        @JsonProperty("height") int height,
        @JsonProperty("frame_count") long frameCount) {

    /** The displayed size (rotation applied) and the real frame rate, as the viewer shows them. */
    public static MediaProbe of(MediaInfo info) {
        return new MediaProbe(info.isVideo() ? MediaKind.VIDEO : MediaKind.IMAGE, info.durationSeconds(),
                info.realFps(), info.displayWidth(), info.displayHeight(), info.frameCount());
    }
}
