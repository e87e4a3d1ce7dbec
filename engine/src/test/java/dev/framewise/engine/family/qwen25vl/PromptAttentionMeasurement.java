package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the measurement of prompt attention over a long cache behind docs/performance.md. Runs only with
 * {@code -Dframewise.measurePromptAttention=true}; per head shape ({@code -Dframewise.heads=heads/kv/head_dim,...}),
 * cache length before the chunk ({@code -Dframewise.past}) and chunk ({@code -Dframewise.chunks}), it times each
 * kind of pa_run in turn, round after round, and prints the median time, the rate (4 * heads * L * (past + L/2) *
 * head_dim FLOPs: the two products over the keys each query sees), the median of the same-round time ratios to the
 * first kind, and each kind's largest absolute difference from the first kind's output.
 */
@EnabledIfSystemProperty(named = "framewise.measurePromptAttention", matches = "true")
class PromptAttentionMeasurement {
    @Test
    void measure() {
        List<String> heads = List.of(System.getProperty("framewise.heads", "14/2/64,28/4/128").split(","));
        long[] pasts = longs(System.getProperty("framewise.past", "0,2048,8192,16384"));
        long[] chunks = longs(System.getProperty("framewise.chunks", "128"));
        List<String> kinds = List.of(System.getProperty("framewise.kinds", "repeated,grouped,flash-grouped").split(","));
        int rounds = Integer.getInteger("framewise.rounds", 3);
        try (TensorProgram p = PromptAttentionPrograms.load()) {
            for (String shape : heads) {
                long[] hkd = Arrays.stream(shape.split("/")).mapToLong(Long::parseLong).toArray();
                for (long chunk : chunks) {
                    for (long past : pasts) measure(p, hkd[0], hkd[1], hkd[2], past, chunk, kinds, rounds);
                }
            }
        }
    }

    private static void measure(TensorProgram p, long heads, long kv, long headDim, long past, long length,
                                List<String> kinds, int rounds) {
        double flops = 4.0 * heads * length * (past + length / 2.0) * headDim;
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Double> differences = new LinkedHashMap<>();
        TorchValue[] in = PromptAttentionPrograms.inputs(p, heads, kv, headDim, past, length, 1);
        try {
            try (TorchValue first = run(p, kinds.get(0), in, heads, kv, headDim, past, length, 1)) {
                for (String kind : kinds) {
                    try (TorchValue out = run(p, kind, in, heads, kv, headDim, past, length, 1)) {
                        differences.put(kind, PromptAttentionPrograms.difference(p, first, out));
                    }
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (String kind : kinds) {
                    seconds.computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(time(p, kind, in, heads, kv, headDim, past, length));
                }
            }
        } finally {
            for (TorchValue v : in) v.close();
        }
        List<Double> reference = seconds.get(kinds.get(0));
        for (String kind : kinds) {
            List<Double> t = seconds.get(kind);
            double[] ratios = new double[t.size()];
            for (int i = 0; i < ratios.length; i++) ratios[i] = t.get(i) / reference.get(i);
            double median = median(t);
            System.out.printf("PA heads %2d/%d d %3d past %6d chunk %5d %-14s median %9.2f ms %7.1f GFLOP/s"
                            + "  time/%s %.2f (rounds %s)  max|diff| %.1e%n", heads, kv, headDim, past, length, kind,
                    median * 1e3, flops / median / 1e9, kinds.get(0), median(Arrays.stream(ratios).boxed().toList()),
                    Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()),
                    differences.get(kind));
        }
    }

    /** Seconds per call: enough calls for about 0.3 s after one call that sizes them. */
    private static double time(TensorProgram p, String kind, TorchValue[] in, long heads, long kv, long headDim,
                               long past, long length) {
        long t0 = System.nanoTime();
        run(p, kind, in, heads, kv, headDim, past, length, 1).close();
        double single = (System.nanoTime() - t0) / 1e9;
        long reps = Math.max(1, Math.min(100, (long) (0.3 / Math.max(single, 1e-6))));
        long t = System.nanoTime();
        run(p, kind, in, heads, kv, headDim, past, length, reps).close();
        return (System.nanoTime() - t) / 1e9 / reps;
    }

    /** A kind of pa_run; {@code grouped:N} is grouped with blocks of N MiB of mask instead of the program's own. */
    private static TorchValue run(TensorProgram p, String kind, TorchValue[] in, long heads, long kv, long headDim,
                                  long past, long length, long reps) {
        String[] parts = kind.split(":");
        long blockBytes = parts.length > 1 ? Long.parseLong(parts[1]) << 20 : 0;
        return PromptAttentionPrograms.run(p, parts[0], in, heads, kv, headDim, past, length, blockBytes, reps);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
