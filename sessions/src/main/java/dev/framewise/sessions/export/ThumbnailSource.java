package dev.framewise.sessions.export;

import dev.framewise.sessions.model.MediaItem;

import java.util.Optional;

/**
 * Supplies small encoded pictures of media frames for the HTML export. Decoding lives in the engine and
 * encoding in the app; sessions only embeds what it is given. Empty means "no picture" (e.g. the media is
 * missing), and the export shows the frame's time instead.
 */
@FunctionalInterface
public interface ThumbnailSource {

    /** The frame with this index (0 for an image) at this presentation time. */
    Optional<Thumbnail> thumbnail(MediaItem media, long frameIndex, double timestampSeconds);

    ThumbnailSource NONE = (media, index, time) -> Optional.empty();
}
