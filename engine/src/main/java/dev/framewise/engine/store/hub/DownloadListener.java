package dev.framewise.engine.store.hub;

/**
 * Receives progress of a model download, from download threads, at most a few times a second and once
 * whenever a file changes state. Implementations hop to their own thread if they touch a UI.
 */
@FunctionalInterface
public interface DownloadListener {
    DownloadListener NONE = progress -> { };

    void onProgress(DownloadProgress progress);
}
