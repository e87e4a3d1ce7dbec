package dev.framewise.engine.store.hub;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A moment of a model download: each file and the total, with rates over the last few seconds.
 *
 * @param eta empty while the rate is still unknown (no bytes yet)
 */
public record DownloadProgress(String repo, List<FileProgress> files, long doneBytes, long totalBytes,
                               double bytesPerSecond, Optional<Duration> eta) {

    public enum State { QUEUED, DOWNLOADING, VERIFYING, DONE }

    /** One file: {@code doneBytes} counts bytes on disk, including those kept from an earlier attempt. */
    public record FileProgress(String path, long doneBytes, long totalBytes, double bytesPerSecond,
                               Optional<Duration> eta, State state) {
    }

    public DownloadProgress {
        files = List.copyOf(files);
    }

    public double fraction() {
        return totalBytes == 0 ? 1 : (double) doneBytes / totalBytes;
    }
}
