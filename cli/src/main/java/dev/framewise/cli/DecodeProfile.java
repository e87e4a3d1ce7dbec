package dev.framewise.cli;

import dev.framewise.engine.bench.OpProfile;
import dev.framewise.engine.torch.TorchProfiler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * {@code bench decode --profile}: more decoding steps under libtorch's operator profiler, the trace written to a file
 * and a step's time split into its matrix products (per matrix of a layer, and lm_head) and everything else (norms,
 * rotary, attention over the cache, casts), per step; what the operators' self times leave out of a step's wall time
 * is the TorchScript interpreter's own work between operators (and the profiler's).
 */
final class DecodeProfile {
    private static final int TOP = 14;
    /** A Qwen decoder layer's products in the order a step runs them (qwen2_text.py), then lm_head. */
    private static final List<String> QWEN2_PRODUCTS = List.of("qkv_proj", "o_proj", "gate_up_proj", "down_proj");

    private DecodeProfile() {
    }

    /** Profiles {@code steps} calls of {@code step} (each one decoding step, returning its ms) and prints the split. */
    static void print(PrintWriter out, Path trace, int layers, int steps, double unprofiledStepMs, DoubleSupplier step) {
        double ms = TorchProfiler.record(trace, () -> {
            double sum = 0;
            for (int i = 0; i < steps; i++) sum += step.getAsDouble();
            return sum;
        });
        OpProfile profile = OpProfile.read(trace);
        double perStep = profile.selfMs() / steps;
        out.printf(Locale.ROOT, "profile      %d steps under the profiler: %.2f ms per step (%.2f ms median without); "
                        + "operators' self time %.2f ms per step, the interpreter and profiler between them %.2f ms; "
                        + "trace in %s%n", steps, ms / steps, unprofiledStepMs, perStep, ms / steps - perStep, trace);
        for (OpProfile.Op op : profile.ops().subList(0, Math.min(TOP, profile.ops().size()))) {
            out.printf(Locale.ROOT, "  %-44s %5d calls/step %8.3f ms/step %5.1f %% (%.1f µs per call)%n", op.name(),
                    op.calls() / steps, op.selfMs() / steps, 100 * op.selfMs() / profile.selfMs(),
                    1000 * op.selfMs() / op.calls());
        }
        OpProfile.Op product = profile.ops().stream().filter(op -> PrefillProfile.isProduct(op.name()))
                .findFirst().orElse(null);
        if (product == null) return;
        double products = profile.ops().stream().filter(op -> PrefillProfile.isProduct(op.name()))
                .mapToDouble(OpProfile.Op::selfMs).sum() / steps;
        int ops = profile.ops().stream().mapToInt(OpProfile.Op::calls).sum() / steps;
        out.printf(Locale.ROOT, "split        per step: matrix products %.2f ms (%.0f %%), the other %d operators %.2f ms "
                        + "(%.0f %%), between operators %.2f ms (%.0f %% of the profiled step)%n", products,
                100 * products / (ms / steps), ops - product.calls() / steps, perStep - products,
                100 * (perStep - products) / (ms / steps), ms / steps - perStep, 100 * (ms / steps - perStep) / (ms / steps));
        List<Double> calls = profile.callsMs(product.name());
        int perLayer = QWEN2_PRODUCTS.size();
        if (calls.size() != steps * (layers * perLayer + 1)) return;
        double[] slot = new double[perLayer + 1];
        for (int i = 0; i < calls.size(); i++) {
            int j = i % (layers * perLayer + 1);
            slot[j == layers * perLayer ? perLayer : j % perLayer] += calls.get(i) / steps;
        }
        StringBuilder line = new StringBuilder();
        for (int j = 0; j <= perLayer; j++) {
            String name = j < perLayer ? QWEN2_PRODUCTS.get(j) + " x" + layers : "lm_head";
            line.append(String.format(Locale.ROOT, "%s%s %.2f ms", j == 0 ? "" : ", ", name, slot[j]));
        }
        out.printf(Locale.ROOT, "products     %s per step (%s, whole calls)%n", line, product.name());
    }
}
