package dev.framewise.engine.api;

/** Set from any thread to stop long work at its next check point (the next token, the next frame). */
public final class CancellationToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
