package dev.framewise.engine.remote;

import dev.framewise.engine.api.CancellationToken;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response stream from another thread when the caller cancels or the server stays silent longer
 * than the read timeout, so that a read blocked on the socket returns at once. {@link java.net.http.HttpClient} has no
 * idle timeout for a body that is being streamed, and {@link CancellationToken} can only be polled.
 */
final class StreamWatchdog implements AutoCloseable {
    /** How often the token and the clock are checked: the latency of a cancel. */
    static final long POLL_MILLIS = 50;

    enum Verdict { RUNNING, CANCELLED, TIMED_OUT }

    private final Closeable stream;
    private final CancellationToken cancel;
    private final long idleNanos;
    private final ScheduledFuture<?> task;
    private volatile long lastActivity = System.nanoTime();
    private volatile Verdict verdict = Verdict.RUNNING;

    StreamWatchdog(ScheduledExecutorService scheduler, Closeable stream, CancellationToken cancel, Duration idleTimeout) {
        this.stream = stream;
        this.cancel = cancel;
        this.idleNanos = idleTimeout.toNanos();
        this.task = scheduler.scheduleWithFixedDelay(this::check, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Call whenever data arrives. */
    void activity() {
        lastActivity = System.nanoTime();
    }

    Verdict verdict() {
        return verdict;
    }

    private void check() {
        if (verdict != Verdict.RUNNING) return;
        if (cancel.isCancelled()) verdict = Verdict.CANCELLED;
        else if (System.nanoTime() - lastActivity > idleNanos) verdict = Verdict.TIMED_OUT;
        else return;
        try {
            stream.close();
        } catch (IOException ignored) {
            // the reader sees the stream end either way
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
