package dev.framewise.engine.store.device;

import dev.framewise.engine.store.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A quick measure (a fraction of a second) of how fast this machine reads memory with all cores, for the CPU
 * decoding speed estimate: decoding is a memory-bound matrix-vector product that reads every weight once per
 * token, with as many threads as libtorch has cores. Each thread sums its slice of an array far larger than the
 * CPU caches.
 */
public final class MemoryBandwidth {
    private static final int LONGS = 16 << 20; // 128 MiB
    private static final int ROUNDS = 4;

    private MemoryBandwidth() {
    }

    /** Bytes read per second, best of a few rounds. */
    public static double measure() {
        long[] data = new long[LONGS];
        for (int i = 0; i < LONGS; i += 512) data[i] = i; // touch every page so the rounds read real memory
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "framewise-bandwidth");
            t.setDaemon(true);
            return t;
        });
        try {
            double best = 0;
            long sink = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                List<Future<Long>> parts = new ArrayList<>();
                int slice = LONGS / threads;
                for (int t = 0; t < threads; t++) {
                    int from = t * slice;
                    int to = t == threads - 1 ? LONGS : from + slice;
                    parts.add(pool.submit(() -> sum(data, from, to)));
                }
                for (Future<Long> part : parts) sink += part.get();
                best = Math.max(best, LONGS * 8.0 / ((System.nanoTime() - start) / 1e9));
            }
            return sink == Long.MIN_VALUE ? 0 : best; // reading sink keeps the sums from being optimised away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static long sum(long[] data, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) s += data[i];
        return s;
    }
}
