package dev.framewise.engine.model;

import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchScriptArchive;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the measurement of candidate kernels for quantised weights behind docs/decode-speed.md. Runs only with
 * {@code -Dframewise.measureQuantKernels=true}; prints, per matrix shape, rows and kernel, the read rate of the
 * weight's bytes (best and median of the rounds, kernels alternating) and the error against the float product
 * of the same dequantised weights.
 */
@EnabledIfSystemProperty(named = "framewise.measureQuantKernels", matches = "true")
class QuantKernelMeasurement {
    private static final String[] KINDS = {"sum", "fp16-fbgemm", "bf16-onednn", "int8pack-bf16", "int8pack-fp32",
            "int8-fbgemm-dynamic", "int4pack-bf16:32", "int4pack-bf16:64", "int4pack-bf16:128", "int4pack-fp32:128",
            "int8-dequant"};

    @Test
    void measure() {
        String shapes = System.getProperty("framewise.shapes", "q05:1152x896,896x896,9728x896,896x4864,151936x896");
        int[] rows = Arrays.stream(System.getProperty("framewise.rows", "1,128").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = Integer.getInteger("framewise.rounds", 3);
        List<String> kinds = List.of(System.getProperty("framewise.kinds", String.join(",", KINDS)).split(","));
        List<String> sources = new ArrayList<>(TensorProgram.SHARED_SOURCES); // the engine's int8 products
        sources.add("/dev/framewise/engine/model/quant_kernel_bench.py");
        try (TensorProgram p = TensorProgram.load(TorchScriptArchive.fromResources("QuantBench", sources))) {
            for (String shape : shapes.substring(shapes.indexOf(':') + 1).split(",")) {
                long n = Long.parseLong(shape.split("x")[0]);
                long k = Long.parseLong(shape.split("x")[1]);
                for (int r : rows) measureShape(p, n, k, r, rounds, kinds);
            }
        }
    }

    private static void measureShape(TensorProgram p, long n, long k, int rows, int rounds, List<String> kinds) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        try (TorchValue nv = TorchValue.from(n); TorchValue kv = TorchValue.from(k); TorchValue m = p.call("qb_matrix", nv, kv);
             TorchValue rv = TorchValue.from((long) rows); TorchValue x = p.call("qb_input", rv, kv)) {
            for (int round = 0; round < rounds; round++) {
                for (String kind : kinds) {
                    try {
                        double rate = time(p, kind, m, x, n, k, rows, errors);
                        rates.computeIfAbsent(kind, key -> new ArrayList<>()).add(rate);
                    } catch (RuntimeException e) {
                        errors.put(kind, "FAILS: " + e.getMessage().lines().filter(l -> l.contains("Error") || l.contains("error")).findFirst().orElse(e.getMessage().lines().findFirst().orElse("")));
                    }
                }
            }
        }
        // Time per product against the first kind's in the same round (the ratio survives a busy machine better).
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String kind : kinds) {
                List<Double> r = rates.getOrDefault(kind, List.of());
                if (r.size() > round) seconds.computeIfAbsent(kind, key -> new ArrayList<>()).add(bytesOf(kind, n, k) / r.get(round));
            }
        }
        List<Double> reference = seconds.getOrDefault(kinds.get(0), List.of());
        for (String kind : kinds) {
            List<Double> t = seconds.getOrDefault(kind, List.of());
            double[] ratios = new double[Math.min(t.size(), reference.size())];
            for (int i = 0; i < ratios.length; i++) ratios[i] = t.get(i) / reference.get(i);
            Arrays.sort(ratios);
            System.out.printf("QR %6dx%-6d rows %4d %-22s time / %s: median %.2f (rounds %s)%n", n, k, rows, kind,
                    kinds.get(0), ratios.length == 0 ? 0 : ratios[ratios.length / 2], Arrays.toString(ratios));
        }
        for (String kind : kinds) {
            List<Double> r = rates.getOrDefault(kind, List.of());
            double[] sorted = r.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("QB %6dx%-6d rows %4d %-22s best %7.3f median %7.3f GB/s  err %s%n", n, k, rows, kind,
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e9,
                    sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e9, errors.get(kind));
        }
    }

    /** Bytes per second of the weight's storage for one product of {@code rows} rows; records the error. */
    private static double time(TensorProgram p, String kind, TorchValue m, TorchValue x, long n, long k, int rows,
                               Map<String, String> errors) {
        String base = kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind;
        long group = kind.contains(":") ? Long.parseLong(kind.substring(kind.indexOf(':') + 1)) : 128;
        long bytes = bytesOf(kind, n, k);
        try (TorchValue g = TorchValue.from(group); TorchValue kindV = TorchValue.from(base)) {
            if (base.startsWith("fp16-fbgemm") || base.equals("int8-fbgemm-dynamic")) {
                boolean fp16 = base.startsWith("fp16-fbgemm");
                // fp16-fbgemm-blocks: the rows in blocks of 128, one product each (bf16 prefill's chunks)
                long block = base.equals("fp16-fbgemm-blocks") ? 128 : 0;
                try (TorchValue packed = p.call(fp16 ? "qb_fp16" : "qb_fbgemm", m); TorchValue f = TorchValue.from(fp16)) {
                    // reference: the dequantised matrix
                    if (!errors.containsKey(kind)) {
                        try (TorchValue prep = p.call("qb_prepare", TorchValue.from(fp16 ? "fp32-plain" : "int8pack-fp32"), m, g);
                             TorchValue one = TorchValue.from(1L); TorchValue y = p.call("qb_run_packed", f, packed, x, one)) {
                            TorchValue[] t = prep.tupleElements();
                            try (TorchValue err = p.call("qb_error", y, x, t[1])) {
                                errors.put(kind, String.format("%.2e", err.toDouble()));
                            }
                            Arrays.stream(t).forEach(TorchValue::close);
                        }
                    }
                    try (TorchValue b = TorchValue.from(block)) {
                        return rate(p, bytes, rows, reps -> p.call("qb_run_packed_blocks", f, packed, x, reps, b));
                    }
                }
            }
            try (TorchValue prep = p.call("qb_prepare", kindV, m, g)) {
                TorchValue[] t = prep.tupleElements();
                try {
                    if (!errors.containsKey(kind) && !base.equals("sum")) {
                        try (TorchValue one = TorchValue.from(1L); TorchValue y = p.call("qb_run", kindV, t[0], x, g, one);
                             TorchValue err = p.call("qb_error", y, x, t[1])) {
                            errors.put(kind, String.format("%.2e", err.toDouble()));
                        }
                    }
                    return rate(p, bytes, rows, reps -> p.call("qb_run", kindV, t[0], x, g, reps));
                } finally {
                    Arrays.stream(t).forEach(TorchValue::close);
                }
            }
        }
    }

    /** Bytes of the weight's storage a product of this kind reads. */
    private static long bytesOf(String kind, long n, long k) {
        String base = kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind;
        long group = kind.contains(":") ? Long.parseLong(kind.substring(kind.indexOf(':') + 1)) : 128;
        return switch (base) {
            case "fp16-fbgemm", "fp16-fbgemm-blocks", "bf16-onednn", "bf16-plain" -> n * k * 2;
            case "sum", "fp32-plain" -> n * k * 4;
            case "int8pack-bf16", "int8pack-raw", "int8fold", "int8pack-fp32", "int8-fbgemm-dynamic", "int8-dequant", "int8-dequant-bf16", "int8-chunk-fp32",
                 "int8-chunk-bf16", "int8-codes-fp32", "int8-codes-bf16", "int8-intmm", "int8-intmm-t", "int8-fbgemm-percall", "int8-fbgemm-prepack",
                 "int8-dequant-fp16pack", "int8-dequant-fp16one" -> n * k + n * 4;
            case "int4-bags" -> n * k / 2 + n / group * k * 4;
            case "int8-rows", "int8-bags", "int8-bags-multi" -> n * k + n / Math.min(256, n & -n) * k * 8;
            // int4: the kinds that take bf16 scales and zeros (qb_prepare) read 2 bytes for each, the others 4
            default -> n * k / 2 + n * (k / group) * 2 * (base.endsWith("bf16") || base.startsWith("int4-deq")
                    || base.equals("int4-rows") ? 2 : 4);
        };
    }

    private static double rate(TensorProgram p, long bytes, int rows, java.util.function.Function<TorchValue, TorchValue> run) {
        try (TorchValue one = TorchValue.from(1L)) {
            run.apply(one).close(); // warm-up
        }
        long t0 = System.nanoTime();
        try (TorchValue one = TorchValue.from(1L)) {
            run.apply(one).close();
        }
        double single = (System.nanoTime() - t0) / 1e9;
        long reps = Math.max(1, Math.min(200, (long) (0.4 / Math.max(single, 1e-6))));
        long t = System.nanoTime();
        try (TorchValue r = TorchValue.from(reps)) {
            run.apply(r).close();
        }
        return bytes * reps / ((System.nanoTime() - t) / 1e9);
    }
}
