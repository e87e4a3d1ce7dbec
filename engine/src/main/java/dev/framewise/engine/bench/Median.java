package dev.framewise.engine.bench;

import java.util.Arrays;

/** The benchmarks' summary of repeated timings: the upper median (robust to the odd slow run on a busy machine). */
public final class Median {
    private Median() {
    }

    public static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
