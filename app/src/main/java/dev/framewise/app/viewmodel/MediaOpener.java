package dev.framewise.app.viewmodel;

import dev.framewise.engine.media.MediaSource;

import java.nio.file.Path;

/** Opens a media file for decoding ({@code Media::open} in the product); throws MediaException when it cannot. */
@FunctionalInterface
public interface MediaOpener {
    MediaSource open(Path path);
}
