package dev.framewise.cli;

import dev.framewise.engine.bench.OpProfile;
import dev.framewise.engine.torch.TorchProfiler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * {@code bench vision --profile DIR}: one more image and one more video encode under libtorch's operator profiler,
 * each trace written into DIR and summarised side by side: the operators with the most self time, and the time split
 * into matrix products, attention, casts, layout copies and the rest. Comparing the two says what grows faster than
 * the patches when a video replaces an image.
 */
final class VisionProfile {
    private static final int TOP = 14;

    private final Map<String, OpProfile> profiles = new LinkedHashMap<>();
    private final Map<String, double[]> times = new LinkedHashMap<>(); // what -> profiled ms, unprofiled ms
    private final Map<String, Path> traces = new LinkedHashMap<>();

    /** Profiles {@code encode} (on this thread) into {@code dir/what.json}. */
    void record(Path dir, String what, double unprofiledMs, DoubleSupplier encode) {
        Path trace = dir.resolve(what + ".json");
        double ms = TorchProfiler.record(trace, encode);
        add(what, trace, ms, unprofiledMs);
    }

    /** Adds the run {@code what} from its trace, with its time under the profiler and without. */
    void add(String what, Path trace, double profiledMs, double unprofiledMs) {
        profiles.put(what, OpProfile.read(trace));
        times.put(what, new double[] {profiledMs, unprofiledMs});
        traces.put(what, trace);
    }

    /** The operators with the most self time in any of the runs, then the split of each. */
    void print(PrintWriter out) {
        List<String> names = new ArrayList<>(profiles.keySet());
        for (String what : names) {
            double[] t = times.get(what);
            out.printf(Locale.ROOT, "profile %-6s one encode under the profiler: %.1f ms (%.1f ms without); operators' "
                    + "self time %.1f ms; trace in %s%n", what, t[0], t[1], profiles.get(what).selfMs(),
                    traces.get(what));
        }
        List<String> top = new ArrayList<>();
        for (OpProfile p : profiles.values()) {
            for (OpProfile.Op op : p.ops().subList(0, Math.min(TOP, p.ops().size()))) {
                if (!top.contains(op.name())) top.add(op.name());
            }
        }
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-46s", "operator (self ms, calls, %)"));
        for (String what : names) header.append(String.format(Locale.ROOT, " %26s", what));
        out.println(header);
        for (String op : top) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-46s", op));
            for (String what : names) {
                OpProfile p = profiles.get(what);
                OpProfile.Op found = p.ops().stream().filter(o -> o.name().equals(op)).findFirst().orElse(null);
                line.append(found == null ? String.format(Locale.ROOT, " %26s", "-")
                        : String.format(Locale.ROOT, " %9.1f %6d %8.1f %%", found.selfMs(), found.calls(),
                        100 * found.selfMs() / p.selfMs()));
            }
            out.println(line);
        }
        for (String what : names) {
            OpProfile p = profiles.get(what);
            double products = share(p, PrefillProfile::isProduct);
            double attention = share(p, n -> n.contains("scaled_dot_product") || n.contains("flash"));
            double casts = share(p, n -> n.equals("aten::to") || n.equals("aten::_to_copy") || n.equals("aten::copy_"));
            double layout = share(p, n -> n.equals("aten::clone") || n.equals("aten::contiguous")
                    || n.equals("aten::reshape") || n.equals("aten::cat") || n.equals("aten::index_select")
                    || n.equals("aten::embedding"));
            out.printf(Locale.ROOT, "split %-6s matrix products %.1f %%, attention %.1f %%, casts and copies %.1f %%, "
                    + "layout (clone, cat, gather) %.1f %%, the rest %.1f %% of the operators' self time%n", what,
                    products, attention, casts, layout, 100 - products - attention - casts - layout);
        }
    }

    private static double share(OpProfile p, java.util.function.Predicate<String> which) {
        return 100 * p.ops().stream().filter(op -> which.test(op.name())).mapToDouble(OpProfile.Op::selfMs).sum()
                / p.selfMs();
    }
}
