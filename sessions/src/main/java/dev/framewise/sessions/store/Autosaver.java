package dev.framewise.sessions.store;

import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Saves sessions in the background after edits settle. {@link #request} never blocks: it records the
 * latest snapshot and (re)starts a quiet-period timer; bursts of edits coalesce into one write, and a
 * steady stream of edits is still written at least every {@code maxDelay}. Writes happen on one
 * background thread.
 *
 * <p>Explicit saves go through {@link #saveNow}: every snapshot gets a sequence number, and a write is
 * skipped when a newer snapshot of the same file has already been written, so a slow autosave can never
 * replace a newer explicit save; the writes of one file never overlap.
 *
 * <p>Another process may add runs to the same file meanwhile ({@code framewise ask --session}, a second workbench):
 * with a {@link FileSessionStore} each write is a load-merge-write under the file's OS lock, keeping the runs on
 * disk that this autosaver has never been given ({@link #opened} and every snapshot tell it which runs are this
 * process's: one of those missing from a snapshot was deleted here and stays deleted), with their media.
 */
public final class Autosaver implements AutoCloseable {
    private final SessionStore store;
    private final long delayNanos;
    private final long maxDelayNanos;
    private final Consumer<SessionException> onError;
    private final ScheduledExecutorService executor;
    private final Map<Path, FileState> files = new ConcurrentHashMap<>();

    /**
     * @param onError told (on the autosave thread) when a background save fails; the snapshot stays pending
     *                until the next request or flush retries it
     */
    public Autosaver(SessionStore store, Duration delay, Duration maxDelay, Consumer<SessionException> onError) {
        if (delay.isNegative() || maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException("autosave needs 0 <= delay <= maxDelay, got " + delay + " and " + maxDelay);
        }
        this.store = store;
        this.delayNanos = delay.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.onError = onError;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "framewise-autosave");
            t.setDaemon(true);
            return t;
        });
    }

    /** The session as it was opened from {@code file}: its runs are this process's from now on. */
    public void opened(Path file, Session loaded) {
        FileState state = stateOf(file);
        synchronized (state) {
            loaded.runs().forEach(r -> state.ownRuns.add(r.id()));
        }
    }

    /** Schedules the snapshot to be written after the quiet period; returns at once. */
    public void request(Path file, Session snapshot) {
        if (executor.isShutdown()) throw new IllegalStateException("the autosaver is closed; save explicitly instead");
        FileState state = stateOf(file);
        synchronized (state) {
            snapshot.runs().forEach(r -> state.ownRuns.add(r.id()));
            long now = System.nanoTime();
            state.pending = snapshot;
            state.pendingSeq = ++state.lastSeq;
            if (state.future == null) state.firstPendingNanos = now;
            else state.future.cancel(false);
            long wait = Math.max(0, Math.min(delayNanos, state.firstPendingNanos + maxDelayNanos - now));
            state.future = executor.schedule(() -> writePending(file, state), wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Writes the session now on the caller's thread, superseding any pending autosave of the file. */
    public void saveNow(Path file, Session session) {
        FileState state = stateOf(file);
        long seq;
        synchronized (state) {
            session.runs().forEach(r -> state.ownRuns.add(r.id()));
            seq = ++state.lastSeq;
            state.pending = null;
            if (state.future != null) state.future.cancel(false);
            state.future = null;
        }
        write(file, state, session, seq);
    }

    /** Writes every pending snapshot now and waits for it (errors go to {@code onError}). */
    public void flush() {
        try {
            executor.submit(() -> files.forEach(this::writePending)).get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("autosave flush did not finish", e);
        }
    }

    /** Flushes pending snapshots and stops the background thread. */
    @Override
    public void close() {
        if (executor.isShutdown()) return;
        flush();
        executor.shutdown();
    }

    private FileState stateOf(Path file) {
        return files.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new FileState());
    }

    private void writePending(Path file, FileState state) {
        Session snapshot;
        long seq;
        synchronized (state) {
            snapshot = state.pending;
            seq = state.pendingSeq;
            state.pending = null;
            if (state.future != null) state.future.cancel(false);
            state.future = null;
        }
        if (snapshot == null) return;
        try {
            write(file, state, snapshot, seq);
        } catch (SessionException e) {
            synchronized (state) {
                if (state.pending == null) {
                    state.pending = snapshot;
                    state.pendingSeq = seq;
                }
            }
            onError.accept(e);
        }
    }

    private void write(Path file, FileState state, Session session, long seq) {
        state.writeLock.lock();
        try {
            if (seq <= state.writtenSeq) return;
            if (store instanceof FileSessionStore files) {
                Set<String> own;
                synchronized (state) {
                    own = Set.copyOf(state.ownRuns);
                }
                files.underFileLock(file, () -> {
                    files.save(file, withForeignRuns(files, file, session, own));
                    return null;
                });
            } else {
                store.save(file, session);
            }
            state.writtenSeq = seq;
        } finally {
            state.writeLock.unlock();
        }
    }

    /**
     * {@code session} with the runs (and their media) that the file on disk has and this process never had: added
     * by another process since. A file that is missing or cannot be read adds nothing.
     */
    static Session withForeignRuns(SessionStore store, Path file, Session session, Set<String> own) {
        if (!Files.isRegularFile(file)) return session;
        Session disk;
        try {
            disk = store.load(file);
        } catch (SessionException e) {
            return session; // the save keeps the damaged file's backup
        }
        Set<String> here = new HashSet<>();
        session.runs().forEach(r -> here.add(r.id()));
        List<Run> foreign = disk.runs().stream().filter(r -> !here.contains(r.id()) && !own.contains(r.id())).toList();
        if (foreign.isEmpty()) return session;
        Set<String> mediaHere = new HashSet<>();
        session.media().forEach(m -> mediaHere.add(m.id()));
        Set<String> needed = new HashSet<>();
        foreign.forEach(r -> needed.addAll(r.mediaIds()));
        List<MediaItem> media = new ArrayList<>(session.media());
        disk.media().stream().filter(m -> needed.contains(m.id()) && mediaHere.add(m.id())).forEach(media::add);
        List<Run> runs = new ArrayList<>(session.runs());
        runs.addAll(foreign);
        return session.withMedia(media).withRuns(runs);
    }

    /** Per-file bookkeeping; fields other than writtenSeq are guarded by the object's monitor. */
    private static final class FileState {
        final ReentrantLock writeLock = new ReentrantLock();
        Session pending;
        long pendingSeq;
        long lastSeq;
        long firstPendingNanos;
        ScheduledFuture<?> future;
        /** Ids of the runs this process opened or gave in a snapshot of the file. */
        final Set<String> ownRuns = new HashSet<>();
        /** Guarded by writeLock. */
        long writtenSeq;
    }
}
