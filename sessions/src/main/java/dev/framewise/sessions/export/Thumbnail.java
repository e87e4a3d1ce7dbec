package dev.framewise.sessions.export;

import java.util.Objects;

/** An encoded image (JPEG or PNG bytes) to embed in an export. */
public record Thumbnail(String mimeType, byte[] bytes) {
    public Thumbnail {
        Objects.requireNonNull(bytes, "thumbnail bytes");
        if (!mimeType.equals("image/jpeg") && !mimeType.equals("image/png")) {
            throw new IllegalArgumentException("thumbnails must be image/jpeg or image/png, not " + mimeType);
        }
    }
}
