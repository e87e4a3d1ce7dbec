package dev.framewise.engine.gpu;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.gpu.GpuSetupException.Reason;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.store.hub.DownloadListener;
import dev.framewise.engine.store.hub.DownloadProgress;
import dev.framewise.engine.store.hub.TransferRate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one archive into {@code NAME.part}, resuming from the bytes already there with a Range request (after
 * a dropped connection within one run, and across runs), hashing on the way, and only when the size the server
 * announced and the pinned SHA-256 (if any) match moves it to {@code NAME}. The same contract as the model
 * store's blob download, for a plain HTTPS server instead of the Hub.
 */
final class ArchiveDownload {
    private static final int BUFFER = 1 << 20;
    private static final long EMIT_NANOS = 100_000_000L;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final ScheduledExecutorService STALL_WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framewise-libtorch-download-watch");
        t.setDaemon(true);
        return t;
    });

    /** The verified archive and its SHA-256. */
    record Result(Path file, long size, String sha256) {
    }

    private final HttpClient http;
    private final URI url;
    private final Path target;
    private final GpuSetupOptions options;
    private final long unpackFactor;
    private final DownloadListener listener;
    private final CancellationToken cancel;
    private final TransferRate rate = new TransferRate();
    private MessageDigest hash;
    private long have;
    private long total = -1;
    private long lastEmit;

    /** @param unpackFactor free space wanted per archive byte beyond the archive itself (its unpacked files) */
    ArchiveDownload(HttpClient http, URI url, Path target, GpuSetupOptions options, long unpackFactor,
                    DownloadListener listener, CancellationToken cancel) {
        this.http = http;
        this.url = url;
        this.target = target;
        this.options = options;
        this.unpackFactor = unpackFactor;
        this.listener = listener;
        this.cancel = cancel;
    }

    Result run() throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.createDirectories(target.getParent());
        have = Files.exists(partial) ? Files.size(partial) : 0;
        hash = ContentHash.sha256Digest();
        hashPrefix(partial, have);
        for (int attempt = 0; total < 0 || have < total; attempt++) {
            checkCancelled();
            try {
                fetch(partial);
            } catch (GpuSetupException e) {
                if (e.reason() != Reason.NETWORK || attempt >= options.retries()) throw e;
                pause(attempt);
            }
        }
        emit(DownloadProgress.State.VERIFYING, true);
        String actual = HexFormat.of().formatHex(hash.digest());
        if (Files.size(partial) != total) {
            Files.deleteIfExists(partial);
            throw new GpuSetupException(Reason.CORRUPT, "the libtorch archive from " + url + " has "
                    + Files.size(partial) + " bytes instead of the " + total + " announced; the damaged copy was "
                    + "deleted: run framewise gpu setup again");
        }
        if (options.sha256().isPresent() && !options.sha256().get().equals(actual)) {
            Files.deleteIfExists(partial);
            throw new GpuSetupException(Reason.CORRUPT, "the libtorch archive from " + url + " failed its SHA-256 "
                    + "check (expected " + options.sha256().get() + ", got " + actual + "); the copy was deleted and "
                    + "nothing was changed: check the download server, then run framewise gpu setup again");
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        emit(DownloadProgress.State.DONE, true);
        return new Result(target, total, actual);
    }

    /** One request from {@code have} on, advancing it; read failures are NETWORK errors the caller retries. */
    private void fetch(Path partial) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (have > 0) request.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new GpuSetupException(Reason.NETWORK, "cannot reach " + url.getHost() + " (" + e.getMessage()
                    + "); check the connection and run framewise gpu setup again to resume", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GpuSetupException(Reason.CANCELLED, "libtorch download interrupted; run framewise gpu setup "
                    + "again to resume", e);
        }
        try (InputStream body = response.body()) {
            long offset = accept(response, partial);
            if (offset < 0) return; // already complete
            if (offset != have) {
                have = 0; // the server sent the whole file instead of the range asked for: start over
                hash = ContentHash.sha256Digest();
            }
            checkSpace(partial);
            copy(body, partial);
        }
    }

    /** The offset the body starts at, or -1 when the partial file already holds the whole archive. */
    private long accept(HttpResponse<InputStream> response, Path partial) throws IOException {
        int status = response.statusCode();
        if (status == 416 && have > 0) {
            OptionalLong size = response.headers().firstValue("Content-Range").map(v -> v.replaceAll(".*/", ""))
                    .filter(v -> v.matches("\\d+")).map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
            if (size.isPresent() && size.getAsLong() == have) {
                total = have;
                return -1;
            }
            Files.deleteIfExists(partial); // longer than the file on the server: not a copy of it
            have = 0;
            hash = ContentHash.sha256Digest();
            throw new GpuSetupException(Reason.NETWORK, "the partial archive did not match the server's; starting over");
        }
        if (status == 206) {
            Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches()) throw new GpuSetupException(Reason.NETWORK, "the server sent a range without Content-Range");
            total = Long.parseLong(m.group(3));
            return Long.parseLong(m.group(1));
        }
        if (status == 200) {
            total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (total < 0) {
                throw new GpuSetupException(Reason.OTHER, url + " does not say how large the archive is (no "
                        + "Content-Length), so it cannot be verified; use a server that does (FRAMEWISE_LIBTORCH_URL)");
            }
            return 0;
        }
        String what = status == 404 ? "has no " + url.getPath() + " (404)" : "answered HTTP " + status;
        // a server error may pass (retried); a refusal or a missing file will not
        throw new GpuSetupException(status >= 500 ? Reason.NETWORK : Reason.OTHER, "the libtorch server " + url.getHost() + " " + what
                + "; check FRAMEWISE_LIBTORCH_URL or try again later. Framewise keeps using the CPU");
    }

    private void checkSpace(Path partial) throws IOException {
        long needed = (total - have) + total * unpackFactor + options.reserveBytes();
        long free = options.freeSpace().usableBytes(partial.getParent());
        if (free < needed) {
            throw new GpuSetupException(Reason.DISK_FULL, "the CUDA libtorch needs " + human(needed) + " free in "
                    + options.gpuDir() + " (the archive and its unpacked libraries) but " + human(free)
                    + " are free: free some space (or set FRAMEWISE_DATA_DIR to a larger disk) and run framewise gpu "
                    + "setup again. Framewise keeps using the CPU");
        }
    }

    private void copy(InputStream in, Path partial) throws IOException {
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        long stallNanos = options.stallTimeout().toNanos();
        long every = Math.max(1, Math.min(stallNanos / 2, TimeUnit.SECONDS.toNanos(5)));
        ScheduledFuture<?> watch = STALL_WATCH.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastByte.get() > stallNanos) closeQuietly(in);
        }, every, every, TimeUnit.NANOSECONDS);
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                have == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
            emit(DownloadProgress.State.DOWNLOADING, true);
            byte[] buffer = new byte[BUFFER];
            while (have < total) {
                checkCancelled();
                int n;
                try {
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, total - have));
                } catch (IOException e) {
                    throw new GpuSetupException(Reason.NETWORK, "the connection dropped while downloading libtorch ("
                            + e.getMessage() + "); run framewise gpu setup again to resume", e);
                }
                if (n < 0) {
                    throw new GpuSetupException(Reason.NETWORK, "the server ended the libtorch archive after " + have
                            + " of " + total + " bytes; run framewise gpu setup again to resume");
                }
                lastByte.set(System.nanoTime());
                write(out, buffer, n, partial);
                hash.update(buffer, 0, n);
                have += n;
                emit(DownloadProgress.State.DOWNLOADING, false);
            }
        } finally {
            watch.cancel(false);
        }
    }

    private void write(OutputStream out, byte[] buffer, int n, Path partial) throws IOException {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            if (options.freeSpace().usableBytes(partial.getParent()) < BUFFER) {
                throw new GpuSetupException(Reason.DISK_FULL, "the disk holding " + partial.getParent() + " is full: "
                        + "free some space and run framewise gpu setup again to resume", e);
            }
            throw e;
        }
    }

    private void hashPrefix(Path partial, long bytes) throws IOException {
        if (bytes == 0) return;
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buffer = new byte[BUFFER];
            long left = bytes;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                hash.update(buffer, 0, n);
                left -= n;
            }
        }
    }

    private void emit(DownloadProgress.State state, boolean force) {
        long now = System.nanoTime();
        rate.record(now, have);
        if (!force && now - lastEmit < EMIT_NANOS) return;
        lastEmit = now;
        long size = Math.max(total, have);
        var file = new DownloadProgress.FileProgress(target.getFileName().toString(), have, size, rate.bytesPerSecond(),
                rate.eta(size - have), state);
        listener.onProgress(new DownloadProgress("libtorch", List.of(file), have, size, rate.bytesPerSecond(),
                rate.eta(size - have)));
    }

    private void checkCancelled() {
        if (cancel.isCancelled()) {
            throw new GpuSetupException(Reason.CANCELLED, "libtorch download cancelled; run framewise gpu setup again "
                    + "to resume where it stopped. Framewise keeps using the CPU");
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(options.retryDelay().toMillis() * (attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GpuSetupException(Reason.CANCELLED, "libtorch download interrupted", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader gets its own error from the closed stream
        }
    }

    private static String human(long bytes) {
        return dev.framewise.engine.store.Bytes.human(bytes);
    }
}
