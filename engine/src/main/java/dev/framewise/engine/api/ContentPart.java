package dev.framewise.engine.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A part of a message: text, an image or a video, with the per-item options of qwen-vl-utils.
 * A null option means "the default" (the model's preprocessor config or the Cosmos video defaults).
 */
public sealed interface ContentPart {

    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    record Image(Path path, Integer minPixels, Integer maxPixels, Integer resizedHeight, Integer resizedWidth)
            implements ContentPart {
        public Image {
            Objects.requireNonNull(path, "path");
        }

        public static Image of(Path path) {
            return new Image(path, null, null, null, null);
        }
    }

    /**
     * A video; {@code timestampOverlay} draws each sampled frame's time in (Cosmos-Reason1's overlay) for this video
     * only, null leaving it as the backend was set up ({@code --timestamp-overlay}).
     */
    record Video(Path path, Double fps, Integer nframes, Integer minPixels, Integer maxPixels, Integer totalPixels,
                 Double videoStart, Double videoEnd, Boolean timestampOverlay) implements ContentPart {
        public Video {
            Objects.requireNonNull(path, "path");
            if (fps != null && nframes != null) {
                throw new IllegalArgumentException("give fps or nframes for a video, not both");
            }
        }

        /** A video with the backend's timestamp-overlay setting. */
        public Video(Path path, Double fps, Integer nframes, Integer minPixels, Integer maxPixels, Integer totalPixels,
                     Double videoStart, Double videoEnd) {
            this(path, fps, nframes, minPixels, maxPixels, totalPixels, videoStart, videoEnd, null);
        }

        public static Video of(Path path) {
            return new Video(path, null, null, null, null, null, null, null);
        }

        public Video withTimestampOverlay(Boolean overlay) {
            return new Video(path, fps, nframes, minPixels, maxPixels, totalPixels, videoStart, videoEnd, overlay);
        }

        /** Whether the frames get their time drawn in, {@code backendDefault} where this video does not say. */
        public boolean timestampOverlay(boolean backendDefault) {
            return timestampOverlay != null ? timestampOverlay : backendDefault;
        }
    }
}
