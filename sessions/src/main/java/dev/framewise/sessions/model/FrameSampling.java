package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How the video of a run was sampled and which frames the model saw: the requested options
 * (null = the qwen-vl-utils default), the per-frame size smart_resize chose (null when not reported), and
 * each frame's index and presentation time so the workbench can mark them on the timeline.
 */
public record FrameSampling(
        @JsonProperty("media_id") String mediaId,
        @JsonProperty("fps") Double fps,
        @JsonProperty("nframes") Integer nframes,
        @JsonProperty("min_pixels") Integer minPixels,
        @JsonProperty("max_pixels") Integer maxPixels,
        @JsonProperty("total_pixels") Integer totalPixels,
        @JsonProperty("video_start") Double videoStart,
        @JsonProperty("video_end") Double videoEnd,
        @JsonProperty("resized_width") Integer resizedWidth,
        @JsonProperty("resized_height") Integer resizedHeight,
        @JsonProperty("frames") List<SampledFrame> frames) {

    public FrameSampling {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    public record SampledFrame(
            @JsonProperty("index") long index,
            @JsonProperty("timestamp_seconds") double timestampSeconds) {
    }
}
