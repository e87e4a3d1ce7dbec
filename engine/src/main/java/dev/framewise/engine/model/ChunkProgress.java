package dev.framewise.engine.model;

/**
 * Told after each chunk of long work (prefill chunks, vision-tower calls over a video's frame groups) how many of
 * its units are done; it may throw {@link java.util.concurrent.CancellationException} to stop the work there.
 */
@FunctionalInterface
public interface ChunkProgress {
    void done(int done, int total);

    ChunkProgress NONE = (done, total) -> { };
}
