package dev.framewise.cli;

import dev.framewise.engine.bench.OpProfile;
import dev.framewise.engine.torch.TorchProfiler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * {@code bench prefill --profile}: one more prefill under libtorch's operator profiler, the trace written to a file
 * and summarised: the operators with the most self time, which attention kernel libtorch picked, and the attention's
 * time in each chunk (the first chunk runs causal without a mask, later ones attend to the cache with one).
 */
final class PrefillProfile {
    static final String ATTENTION = "aten::scaled_dot_product_attention";
    private static final int TOP = 12;

    private PrefillProfile() {
    }

    /** Profiles {@code prefill} (on this thread) into {@code trace} and prints the summary. */
    static void print(PrintWriter out, Path trace, int layers, double unprofiledMs, DoubleSupplier prefill) {
        double ms = TorchProfiler.record(trace, prefill);
        OpProfile profile = OpProfile.read(trace);
        out.printf(Locale.ROOT, "profile      one prefill under the profiler: %.1f ms (%.1f ms without); operators' self "
                + "time %.1f ms; trace in %s%n", ms, unprofiledMs, profile.selfMs(), trace);
        for (OpProfile.Op op : profile.ops().subList(0, Math.min(TOP, profile.ops().size()))) {
            out.printf(Locale.ROOT, "  %-48s %6d calls %9.1f ms self %5.1f %%%n", op.name(), op.calls(), op.selfMs(),
                    100 * op.selfMs() / profile.selfMs());
        }
        double products = profile.ops().stream().filter(op -> isProduct(op.name())).mapToDouble(OpProfile.Op::selfMs).sum();
        double attention = profile.ops().stream().filter(op -> op.name().startsWith("aten::_scaled_dot_product")
                || op.name().equals(ATTENTION)).mapToDouble(OpProfile.Op::selfMs).sum();
        // shares of one run's time: a load that slows everything alike leaves them as they are
        out.printf(Locale.ROOT, "split        matrix products %.1f %%, attention %.1f %%, the rest (norms, rotary, "
                        + "activations, copies, casts) %.1f %% of the operators' self time%n",
                100 * products / profile.selfMs(), 100 * attention / profile.selfMs(),
                100 * (profile.selfMs() - products - attention) / profile.selfMs());
        String kernels = profile.ops().stream().map(OpProfile.Op::name)
                .filter(n -> n.contains("scaled_dot_product") && !n.equals(ATTENTION) || n.contains("flash"))
                .collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "attention    kernels under %s: %s%n", ATTENTION, kernels.isEmpty() ? "(none recorded)" : kernels);
        List<Double> perChunk = perChunk(profile.callsMs(ATTENTION), layers);
        if (!perChunk.isEmpty()) {
            out.printf(Locale.ROOT, "attention    per chunk, all layers: %s ms%n", perChunk.stream()
                    .map(t -> String.format(Locale.ROOT, "%.1f", t)).collect(Collectors.joining(", ")));
        }
    }

    /** The linear layers' kernels: fbgemm's fp16, oneDNN's and plain linear, and the quantised ones. */
    static boolean isProduct(String op) {
        return op.startsWith("quantized::") || op.contains("linear") || op.contains("addmm") || op.equals("aten::mm")
                || op.contains("pack_mm");
    }

    /** Calls in order, {@code layers} per chunk, summed per chunk (a partial last group is a chunk of its own). */
    static List<Double> perChunk(List<Double> calls, int layers) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i += layers) {
            double sum = 0;
            for (int j = i; j < Math.min(calls.size(), i + layers); j++) sum += calls.get(j);
            out.add(sum);
        }
        return out;
    }
}
