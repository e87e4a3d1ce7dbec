package dev.framewise.engine.model;

import java.util.function.BooleanSupplier;

/**
 * Told after each chunk of long work (prefill chunks, vision-tower calls over a video's frame groups) how many of
 * its units are done; it may throw {@link java.util.concurrent.CancellationException} to stop the work there.
 * Work that can stop inside a chunk (a prefill call, between two layers) also asks {@link #stopRequested()}.
 */
@FunctionalInterface
public interface ChunkProgress {
    void done(int done, int total);

    /** Whether the work should stop as soon as it can, inside a chunk too; asked from another thread. */
    default boolean stopRequested() {
        return false;
    }

    ChunkProgress NONE = (done, total) -> { };

    /** {@code progress} that also answers {@link #stopRequested()} from {@code stop}. */
    static ChunkProgress stoppable(ChunkProgress progress, BooleanSupplier stop) {
        return new ChunkProgress() {
            @Override
            public void done(int done, int total) {
                progress.done(done, total);
            }

            @Override
            public boolean stopRequested() {
                return stop.getAsBoolean();
            }
        };
    }
}
