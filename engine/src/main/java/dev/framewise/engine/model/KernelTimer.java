package dev.framewise.engine.model;

import java.util.Arrays;

/**
 * Times one call of a matrix kernel, for the rates the benches and the cost preview's calibration hold work
 * against: the median of several calls, after the kernel has been kept busy for {@link #WARM_UP_NANOS}. One warm-up
 * call is not enough: a product timed after a single one, right after a model's load, ran at well under half the
 * rate of the same product timed after a prefill (docs/performance.md, "Cost preview").
 */
public final class KernelTimer {
    /** How long the kernel is called before it is timed. */
    static final long WARM_UP_NANOS = 300_000_000L;

    private KernelTimer() {
    }

    /**
     * The time of one call of {@code call}, in seconds, without a warm-up of its own: for a call long enough to
     * time alone, made right after the same kernel was kept busy at another size ({@link #medianSeconds}).
     */
    public static double onceSeconds(Runnable call) {
        long t = System.nanoTime();
        call.run();
        return Math.max((System.nanoTime() - t) / 1e9, 1e-9);
    }

    /** The median time of {@code runs} calls of {@code call} (at least one), in seconds, after the warm-up. */
    public static double medianSeconds(Runnable call, int runs) {
        long start = System.nanoTime();
        do {
            call.run();
        } while (System.nanoTime() - start < WARM_UP_NANOS);
        double[] seconds = new double[Math.max(1, runs)];
        for (int i = 0; i < seconds.length; i++) {
            long t = System.nanoTime();
            call.run();
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(seconds);
        return Math.max(seconds[seconds.length / 2], 1e-9);
    }
}
