package dev.framewise.sessions.media;

import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.media.MediaException;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.MediaProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;

/** Makes media items from files: hashes the content and, when a prober is given, keeps its summary. */
public final class MediaItems {
    private MediaItems() {
    }

    /**
     * @param prober the engine's probe (e.g. {@code path -> Media.open(path).info()}), or null to keep no summary;
     *               sessions cannot decode media itself
     */
    public static MediaItem of(Path file, Function<Path, MediaInfo> prober) {
        Path path = file.toAbsolutePath().normalize();
        try {
            long size = Files.size(path);
            String sha256 = ContentHash.sha256(path);
            MediaProbe probe = prober == null ? null : probe(prober, path);
            return new MediaItem(UUID.randomUUID().toString(), path.toString(), size, sha256, probe);
        } catch (IOException e) {
            throw new MediaException(path, "cannot be read to record it in the session (" + e.getMessage() + ")", e);
        }
    }

    /** The probe's summary, or none for a file it cannot decode: the run that names it failed, and says why. */
    private static MediaProbe probe(Function<Path, MediaInfo> prober, Path path) {
        try {
            return MediaProbe.of(prober.apply(path));
        } catch (MediaException e) {
            return null;
        }
    }
}
