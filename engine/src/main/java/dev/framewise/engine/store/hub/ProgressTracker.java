package dev.framewise.engine.store.hub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects byte counts from download threads and tells the listener, throttled to every 100 ms. */
final class ProgressTracker {
    private static final long EMIT_INTERVAL_NANOS = 100_000_000L;

    private static final class FileState {
        final long total;
        long done;
        DownloadProgress.State state = DownloadProgress.State.QUEUED;
        final TransferRate rate = new TransferRate();

        FileState(long total) {
            this.total = total;
        }
    }

    private final String repo;
    private final DownloadListener listener;
    private final Map<String, FileState> files = new LinkedHashMap<>();
    private final TransferRate totalRate = new TransferRate();
    private long lastEmit;

    ProgressTracker(String repo, List<HubFile> plan, DownloadListener listener) {
        this.repo = repo;
        this.listener = listener;
        for (HubFile f : plan) files.put(f.path(), new FileState(f.size()));
    }

    synchronized void state(String path, DownloadProgress.State state, long doneBytes) {
        FileState f = files.get(path);
        f.state = state;
        f.done = doneBytes;
        f.rate.record(System.nanoTime(), doneBytes);
        emit(true);
    }

    synchronized void advance(String path, long bytes) {
        FileState f = files.get(path);
        f.done += bytes;
        long now = System.nanoTime();
        f.rate.record(now, f.done);
        emit(false);
    }

    /** A restart from zero (the server ignored the Range header, or a retry found the partial file unusable). */
    synchronized void reset(String path) {
        files.get(path).done = 0;
    }

    private void emit(boolean force) {
        long now = System.nanoTime();
        long done = files.values().stream().mapToLong(s -> s.done).sum();
        totalRate.record(now, done);
        if (!force && now - lastEmit < EMIT_INTERVAL_NANOS) return;
        lastEmit = now;
        long total = files.values().stream().mapToLong(s -> s.total).sum();
        List<DownloadProgress.FileProgress> list = new ArrayList<>();
        files.forEach((path, s) -> list.add(new DownloadProgress.FileProgress(path, s.done, s.total,
                s.rate.bytesPerSecond(), s.rate.eta(s.total - s.done), s.state)));
        listener.onProgress(new DownloadProgress(repo, list, done, total, totalRate.bytesPerSecond(),
                totalRate.eta(total - done)));
    }
}
