package dev.framewise.sessions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A media file used in a session, identified by the SHA-256 of its content so it can be found again
 * after it moves. {@code path} is absolute as recorded; {@code probe} is null when the file was not probed.
 */
public record MediaItem(
        @JsonProperty("id") String id,
        @JsonProperty("path") String path,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("probe") MediaProbe probe) {

    public MediaItem {
        Objects.requireNonNull(id, "media id");
        Objects.requireNonNull(path, "media path");
        Objects.requireNonNull(sha256, "media sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("media sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        if (sizeBytes < 0) throw new IllegalArgumentException("media size must not be negative, got " + sizeBytes);
    }

    public Path file() {
        return Path.of(path);
    }

    public MediaItem withPath(Path newPath) {
        return new MediaItem(id, newPath.toAbsolutePath().normalize().toString(), sizeBytes, sha256, probe);
    }
}
