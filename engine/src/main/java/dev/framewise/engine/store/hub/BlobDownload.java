package dev.framewise.engine.store.hub;

import dev.framewise.engine.store.discovery.HubCache;
import dev.framewise.engine.store.discovery.RepoId;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Downloads one file into {@code blobs/ETAG.incomplete}, resuming from the bytes already there with a Range
 * request (also after a dropped connection, up to the retry limit), hashes it on the way, and only when size and
 * hash match moves it to {@code blobs/ETAG}. huggingface_hub's {@code _download_to_tmp_and_move} + {@code http_get}.
 */
final class BlobDownload {
    private static final int BUFFER = 1 << 20;
    /** Closes streams that stopped delivering bytes, which wakes the thread blocked reading them. */
    private static final ScheduledExecutorService STALL_WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framewise-download-watch");
        t.setDaemon(true);
        return t;
    });

    private final HubClient client;
    private final HubCache cache;
    private final RepoId id;
    private final String commit;
    private final HubFile file;
    private final DownloadOptions options;
    private final ProgressTracker progress;
    private final BooleanSupplier cancelled; // the user's token or a failed sibling download
    private HubHash hash; // over the first `have` bytes of the partial file
    private long have;

    BlobDownload(HubClient client, HubCache cache, RepoId id, String commit, HubFile file, DownloadOptions options,
                 ProgressTracker progress, BooleanSupplier cancelled) {
        this.client = client;
        this.cache = cache;
        this.id = id;
        this.commit = commit;
        this.file = file;
        this.options = options;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /**
     * Downloads the blob while holding its lock ({@code blobs/ETAG.lock}, see {@link FileLocks}): a second
     * {@code models pull} of the same repository waits for the first one's file and then finds it complete, instead
     * of writing the same partial file and failing on the rename.
     */
    void run() throws IOException {
        Path lockFile = cache.incompleteBlob(id, file.etag()).resolveSibling(file.etag() + ".lock");
        progress.state(file.path(), DownloadProgress.State.QUEUED, 0);
        FileLocks.holding(lockFile, () -> {
            downloadLocked();
            return null;
        });
    }

    private void downloadLocked() throws IOException {
        Path blob = cache.blob(id, file.etag());
        if (Files.isRegularFile(blob) && Files.size(blob) == file.size()) {
            progress.state(file.path(), DownloadProgress.State.DONE, file.size());
            return;
        }
        Path partial = cache.incompleteBlob(id, file.etag());
        Files.createDirectories(partial.getParent());
        if (Files.exists(partial) && Files.size(partial) > file.size()) Files.delete(partial);
        have = Files.exists(partial) ? Files.size(partial) : 0;
        hash = HubHash.forFile(file);
        hash.updateFrom(partial, have);
        progress.state(file.path(), DownloadProgress.State.DOWNLOADING, have);

        for (int attempt = 0; have < file.size(); attempt++) {
            checkCancelled();
            try {
                fetch(partial);
            } catch (DownloadException e) {
                if (e.reason() != DownloadException.Reason.NETWORK || attempt >= options.retries()) throw e;
                pause(attempt);
            }
        }
        progress.state(file.path(), DownloadProgress.State.VERIFYING, have);
        String actual = hash.finish();
        if (!actual.equals(hash.expected())) {
            Files.deleteIfExists(partial);
            throw new DownloadException(DownloadException.Reason.CORRUPT, file.path() + " of " + id + " failed its "
                    + hash.algorithm() + " check (expected " + hash.expected() + ", got " + actual
                    + "); the damaged copy was deleted: run the pull again");
        }
        Files.move(partial, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.state(file.path(), DownloadProgress.State.DONE, file.size());
    }

    /** One request from {@code have} on, advancing it. Read failures are NETWORK errors (retried by the caller). */
    private void fetch(Path partial) throws IOException {
        HubClient.Content content = client.open(id, commit, file.path(), have);
        if (content.offset() != have) {
            // The server sent the whole file instead of the range asked for: start over.
            have = 0;
            hash = HubHash.forFile(file);
            progress.reset(file.path());
        }
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        long stallNanos = options.stallTimeout().toNanos();
        long checkEvery = Math.max(1, Math.min(stallNanos / 2, TimeUnit.SECONDS.toNanos(5)));
        try (InputStream in = content.body();
             FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ScheduledFuture<?> watch = STALL_WATCH.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastByte.get() > stallNanos) closeQuietly(in);
            }, checkEvery, checkEvery, TimeUnit.NANOSECONDS);
            try {
                copy(in, out, partial, lastByte);
            } finally {
                watch.cancel(false);
            }
        }
    }

    /** Streams the response into the partial file from {@code have} on, hashing and counting as it goes. */
    private void copy(InputStream in, FileChannel out, Path partial, AtomicLong lastByte) throws IOException {
        out.truncate(have);
        out.position(have);
        byte[] buffer = new byte[BUFFER];
        while (have < file.size()) {
            checkCancelled();
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, file.size() - have));
            } catch (IOException e) {
                throw new DownloadException(DownloadException.Reason.NETWORK, "the connection dropped while "
                        + "downloading " + file.path() + " of " + id + " (" + e.getMessage() + ")", e);
            }
            if (n < 0) {
                throw new DownloadException(DownloadException.Reason.NETWORK, "the server ended " + file.path()
                        + " of " + id + " after " + have + " of " + file.size() + " bytes");
            }
            lastByte.set(System.nanoTime());
            write(out, buffer, n, partial);
            hash.update(buffer, 0, n);
            have += n;
            progress.advance(file.path(), n);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader gets its own error from the closed stream
        }
    }

    private void write(FileChannel out, byte[] buffer, int n, Path partial) throws IOException {
        try {
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) out.write(b);
        } catch (IOException e) {
            long free = options.freeSpace().usableBytes(partial.getParent());
            if (free < BUFFER) {
                throw new DownloadException(DownloadException.Reason.DISK_FULL, "the disk holding " + partial.getParent()
                        + " is full: free some space (or set HF_HUB_CACHE to a larger disk) and run the pull again "
                        + "to resume", e);
            }
            throw e;
        }
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new DownloadException(DownloadException.Reason.CANCELLED, "download of " + id
                    + " cancelled; run the pull again to resume where it stopped");
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(options.retryDelay().toMillis() * (attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(DownloadException.Reason.CANCELLED, "download of " + id + " interrupted", e);
        }
    }
}
