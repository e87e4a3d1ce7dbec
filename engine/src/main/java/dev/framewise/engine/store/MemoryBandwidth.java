package dev.framewise.engine.store;

import java.nio.ByteBuffer;

/**
 * A quick measure of how fast this machine streams memory (about a quarter of a second), for the decoding
 * speed estimate. Copies a buffer far larger than the CPU caches and counts bytes read plus bytes written;
 * decoding a memory-bound GEMV reaches about this rate (15–18 GB/s against 23 GB/s measured here).
 */
public final class MemoryBandwidth {
    private static final int SIZE = 128 << 20;
    private static final int ROUNDS = 4;

    private MemoryBandwidth() {
    }

    /** Bytes per second, best of a few rounds. */
    public static double measure() {
        ByteBuffer from = ByteBuffer.allocateDirect(SIZE);
        ByteBuffer to = ByteBuffer.allocateDirect(SIZE);
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            from.clear();
            to.clear();
            long start = System.nanoTime();
            to.put(from);
            long nanos = System.nanoTime() - start;
            best = Math.max(best, 2.0 * SIZE / (nanos / 1e9));
        }
        return best;
    }
}
