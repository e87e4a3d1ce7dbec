package dev.framewise.engine.store.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a model download runs.
 *
 * @param parallelFiles how many files download at once (the Hub's CDN serves each connection well; a few
 *                      parallel streams fill most links without hurting the disk)
 * @param retries       attempts per file after a dropped connection or a 5xx, each resuming where it stopped
 * @param retryDelay    pause before a retry (multiplied by the attempt number)
 * @param reserveBytes  space to leave free on the disk beyond the download itself
 * @param freeSpace     measures usable space; tests inject a small figure
 * @param stallTimeout  a connection that delivers no byte for this long is dropped and resumed (a stalled TCP
 *                      stream would otherwise block forever)
 */
public record DownloadOptions(int parallelFiles, int retries, Duration retryDelay, long reserveBytes,
                              FreeSpaceProbe freeSpace, Duration stallTimeout) {

    /** Usable bytes on the file system holding {@code dir} (the nearest existing ancestor is asked). */
    @FunctionalInterface
    public interface FreeSpaceProbe {
        long usableBytes(Path dir) throws IOException;

        FreeSpaceProbe FILE_STORE = dir -> {
            Path p = dir.toAbsolutePath();
            while (p != null && !Files.exists(p)) p = p.getParent();
            if (p == null) throw new IOException("no existing folder above " + dir);
            return Files.getFileStore(p).getUsableSpace();
        };
    }

    public DownloadOptions {
        if (parallelFiles < 1 || parallelFiles > 16) {
            throw new IllegalArgumentException("parallel downloads must be 1..16, got " + parallelFiles);
        }
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive, got " + stallTimeout);
        }
    }

    public DownloadOptions withParallelFiles(int n) {
        return new DownloadOptions(n, retries, retryDelay, reserveBytes, freeSpace, stallTimeout);
    }

    public static DownloadOptions defaults() {
        return new DownloadOptions(4, 5, Duration.ofSeconds(2), 256L << 20, FreeSpaceProbe.FILE_STORE,
                Duration.ofSeconds(60));
    }
}
