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

    record Video(Path path, Double fps, Integer nframes, Integer minPixels, Integer maxPixels, Integer totalPixels,
                 Double videoStart, Double videoEnd) implements ContentPart {
        public Video {
            Objects.requireNonNull(path, "path");
            if (fps != null && nframes != null) {
                throw new IllegalArgumentException("give fps or nframes for a video, not both");
            }
        }

        public static Video of(Path path) {
            return new Video(path, null, null, null, null, null, null, null);
        }
    }
}
