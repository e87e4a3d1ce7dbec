package dev.framewise.cli;

import dev.framewise.engine.bench.FlopCount;
import dev.framewise.engine.bench.GemmRate;
import dev.framewise.engine.bench.Median;
import dev.framewise.engine.estimate.AttentionRate;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.CalibrationKey;
import dev.framewise.engine.estimate.MicroBenchmark;
import dev.framewise.engine.estimate.PrefillTime;
import dev.framewise.engine.estimate.Rates;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.torch.NativeMemory;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * {@code framewise bench prefill}: the language model's prefill of a long prompt in chunks, its arithmetic rate
 * (FLOPs counted from the shapes, {@link FlopCount#prefill}) against a plain libtorch matrix product of one chunk's
 * MLP size measured just before and after it ({@link GemmRate}: "N % of GEMM"), and the peak resident memory of the
 * prefill beside the weights and the KV cache it fills.
 */
@Command(name = "prefill", mixinStandardHelpOptions = true,
        description = "Language-model prefill speed against a plain matrix product, and its peak memory.")
public final class PrefillBenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DecodeBenchCommand.Source source;

    @Option(names = "--prompt-tokens", defaultValue = "2048", description = "Prompt length (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--chunk",
            description = "Prompt tokens per prefill call (default " + LanguageModel.DEFAULT_PREFILL_CHUNK + ", "
                    + LanguageModel.QUANTIZED_PREFILL_CHUNK + " with int8/int4 weights on the CPU).")
    Integer chunkOption; // null: the model's default

    @Option(names = "--runs", defaultValue = "1", description = "Timed prefills; the median is reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Also profile one more prefill with libtorch's operator profiler: its Chrome trace goes to FILE "
                    + "and the time per operator, and of attention per chunk, to the output.")
    Path profile;

    @CommandLine.Mixin
    PlacementOptions placement;

    @Override
    public void run() {
        if (promptTokens < 1 || (chunkOption != null && chunkOption < 1) || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prompt-tokens, --chunk and --runs must be 1 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            source.measure(out, dir -> BenchModel.measure(dir, placement, b -> measure(b, out)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.flush();
    }

    private void measure(BenchModel b, PrintWriter out) {
        ModelConfig config = b.config();
        ModelFamily family = b.family();
        TextConfig text = config.text();
        TensorProgram program = b.program();
        LanguageModel model = b.model();
        Precision precision = b.precision();
        ComputeDevice dev = b.device();
        Path dir = b.dir();
        double loadS = b.loadSeconds();
        int[] prompt = b.randomPrompt(promptTokens);
        int chunk = chunkOption == null ? model.defaultPrefillChunk() : chunkOption;
        long afterLoad = NativeMemory.residentBytes();
        out.printf(Locale.ROOT, "model        %s, %d layers, hidden %d, %s on %s (%d threads%s)%n",
                dir.getFileName(), text.numLayers(), text.hiddenSize(), precision.name().toLowerCase(Locale.ROOT),
                dev, TensorProgram.threads(),
                dev == ComputeDevice.CPU ? ", " + model.kernels().describe() : "");
        out.printf(Locale.ROOT, "load         %.2f s, %.0f MiB resident after%n", loadS, afterLoad / 1048576.0);
        prefill(model, prompt, Math.min(promptTokens, 64), chunk); // warm-up: first calls initialise kernels
        int rows = Math.min(promptTokens, chunk);
        // The yardstick is the prefill's own kernel at one chunk's gate/up shape (fbgemm fp16 for bf16 on the
        // CPU, torch.linear for fp32, the quantised kernels for int8/int4), so 100 % is what its products reach.
        double before = model.prefillProductFlopsPerSecond(rows, 3);
        boolean peakReset = NativeMemory.resetPeak();
        Timing[] timings = new Timing[runs];
        for (int i = 0; i < runs; i++) timings[i] = prefill(model, prompt, promptTokens, chunk);
        long peak = NativeMemory.peakResidentBytes();
        double after = model.prefillProductFlopsPerSecond(rows, 3);
        // For comparison with earlier figures: a plain float32 torch.mm of the same shape.
        int scalarType = dev == ComputeDevice.CPU ? Precision.FP32.scalarType : precision.scalarType;
        GemmRate plain = GemmRate.measure(program, rows, text.hiddenSize(), 2 * text.intermediateSize(),
                scalarType, dev.torchName, 3);
        double[] totals = new double[runs];
        for (int i = 0; i < runs; i++) totals[i] = timings[i].totalMs;
        double ms = Median.of(totals);
        Timing shown = timings[java.util.Arrays.stream(totals).boxed().toList().indexOf(ms)];
        double flops = FlopCount.prefill(text, promptTokens, 0);
        GemmRate gemm = new GemmRate(rows, text.hiddenSize(), 2 * text.intermediateSize(),
                kernel(model, dev), (before + after) / 2);
        out.printf(Locale.ROOT, "prefill      %d tokens in chunks of %d: %.1f ms, %.1f tok/s (median of %d)%n",
                promptTokens, chunk, ms, promptTokens * 1000 / ms, runs);
        out.printf(Locale.ROOT, "chunks       %s ms%n", shown.chunkMs.stream()
                .map(t -> String.format(Locale.ROOT, "%.0f", t)).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "gemm         %s (mean of %.1f before and %.1f after the prefills; torch.mm %s "
                        + "of the same shape: %.1f GFLOP/s)%n", gemm.describe(), before / 1e9, after / 1e9,
                plain.dtype(), plain.flopsPerSecond() / 1e9);
        out.printf(Locale.ROOT, "rate         %.3f TFLOP in %.1f ms: %.1f GFLOP/s: %.0f %% of GEMM%n", flops / 1e12,
                ms, flops / ms / 1e6, gemm.percentOf(flops, ms / 1000));
        printEstimate(out, family, config, precision, dev, model, ms);
        long kvBytes = 2L * text.numLayers() * text.kvDim() * (dev == ComputeDevice.CPU ? 4 : precision.bytes())
                * (promptTokens + 1);
        out.printf(Locale.ROOT, "memory       peak %s during prefill, %.0f MiB over the resident size after "
                        + "load; KV cache %.0f MiB%n",
                peakReset ? String.format(Locale.ROOT, "%.0f MiB", peak / 1048576.0) : "(process peak) "
                        + String.format(Locale.ROOT, "%.0f MiB", peak / 1048576.0),
                (peak - afterLoad) / 1048576.0, kvBytes / 1048576.0);
        double stopMs = stopLatency(model, prompt, promptTokens, chunk, ms / 2);
        double perLayer = shown.chunkMs.stream().mapToDouble(Double::doubleValue).max().orElse(0) / text.numLayers();
        out.printf(Locale.ROOT, "stop         asked %.0f ms into a prefill: %s (one layer of the slowest chunk: "
                + "%.0f ms)%n", ms / 2, stopMs < 0 ? "it finished first"
                : String.format(Locale.ROOT, "it ended %.0f ms later", stopMs), perLayer);
        if (profile != null) PrefillProfile.print(out, profile, text.numLayers(), ms,
                () -> prefill(model, prompt, promptTokens, chunk).totalMs);
        out.printf(Locale.ROOT, "load average %s%n", loadAverage());
    }

    /**
     * How long a prefill takes to end once a stop is asked for {@code afterMs} into it (as the workbench's Stop and
     * Ctrl-C do, through {@link ChunkProgress#stopRequested()}); -1 when it finished first.
     */
    private static double stopLatency(LanguageModel model, int[] prompt, int length, int chunk, double afterMs) {
        long[] row = new long[length];
        for (int i = 0; i < length; i++) row[i] = i;
        long[] askedAt = {0};
        long start = System.nanoTime();
        ChunkProgress progress = ChunkProgress.stoppable((done, total) -> { }, () -> {
            if (System.nanoTime() - start < afterMs * 1e6) return false;
            if (askedAt[0] == 0) askedAt[0] = System.nanoTime();
            return true;
        });
        try (KvCache cache = model.newCache(length + 1); TorchValue embeds = model.embed(java.util.Arrays.copyOf(prompt, length))) {
            model.prefill(cache, embeds, new long[][] {row, row, row}, 0, null, chunk, progress);
            return -1;
        } catch (CancellationException stopped) {
            return (System.nanoTime() - askedAt[0]) / 1e6;
        }
    }

    /** The kernel prefill multiplies with, as the gemm line names it. */
    private static String kernel(LanguageModel model, ComputeDevice dev) {
        Precision p = model.precision();
        if (p == Precision.INT8 || p == Precision.INT4) return p.name().toLowerCase(Locale.ROOT) + " quantised kernel";
        return dev == ComputeDevice.CPU ? model.kernels().describe() + ", float32 rows" : p.name().toLowerCase(Locale.ROOT);
    }

    /**
     * What the cost preview would have said the prefill takes (by the prompt's length, {@link PrefillTime}): from the
     * micro-benchmark a first estimate uses (measured now: a random matrix through the prefill's kernel and the
     * program's attention over a short and a long cache), from the same with the loaded model's own gate/up matrix,
     * and from this user's calibration where runs have refined it; beside the measured time.
     */
    private void printEstimate(PrintWriter out, ModelFamily family, ModelConfig config, Precision precision,
                               ComputeDevice dev, LanguageModel model, double measuredMs) {
        CalibrationKey key = CalibrationKey.of(family.name(), config, precision, dev);
        long probeStart = System.nanoTime();
        MicroBenchmark.KernelRates probe = MicroBenchmark.kernelRates(family, config, precision, dev,
                OptionalDouble.empty());
        List<AttentionRate> attention = MicroBenchmark.attentionRates(family, config, precision, dev);
        double probeMs = (System.nanoTime() - probeStart) / 1e6;
        MicroBenchmark.KernelRates own = MicroBenchmark.kernelRates(family, config, precision, dev, OptionalDouble.of(
                model.prefillProductFlopsPerSecond(model.defaultPrefillChunk(), 3)));
        PrefillTime probed = MicroBenchmark.prefillTime(config.text(), precision, dev, probe, attention);
        PrefillTime loadedModel = MicroBenchmark.prefillTime(config.text(), precision, dev, own, attention);
        double fresh = probed.modelSeconds(promptTokens, 0);
        double loaded = loadedModel.modelSeconds(promptTokens, 0);
        double attentionShare = 1 - promptTokens * probed.linearSecondsPerToken() / fresh;
        out.printf(Locale.ROOT, "estimate     cost preview's prefill: %.3g s from the micro-benchmark (%.3g × the measured "
                        + "%.3g s; %s %.1f GFLOP/s, bf16 reference %.1f, attention %s: %.0f %% of the "
                        + "estimate, probed in %.0f ms), %.3g s from the loaded model's own matrix (%.3g ×; %.1f GFLOP/s)",
                fresh, fresh * 1000 / measuredMs, measuredMs / 1000, probe.kernel(), probe.products() / 1e9,
                probe.reference() / 1e9, attention.stream().map(a -> String.format(Locale.ROOT,
                        "%.1f GFLOP/s over %d keys", a.flopsPerSecond() / 1e9, a.keys())).collect(Collectors.joining(", ")),
                100 * attentionShare, probeMs, loaded, loaded * 1000 / measuredMs, own.products() / 1e9);
        Rates stored = Calibration.forThisUser().read(key);
        if (stored != null && stored.runs() > 0) {
            double refined = PrefillTime.of(config.text(), precision, dev, stored)
                    .seconds(promptTokens, 0, stored.prefillTokensPerSecond());
            out.printf(Locale.ROOT, "; %.3g s from this machine's calibration refined by %d run%s (%.3g ×)", refined,
                    stored.runs(), stored.runs() == 1 ? "" : "s", refined * 1000 / measuredMs);
        }
        out.println();
    }

    /** One prefill's total and per-chunk times. */
    private record Timing(double totalMs, List<Double> chunkMs) {
    }

    private static Timing prefill(LanguageModel model, int[] prompt, int length, int chunk) {
        int[] ids = java.util.Arrays.copyOf(prompt, length);
        long[] row = new long[length];
        for (int i = 0; i < length; i++) row[i] = i;
        List<Double> chunkMs = new ArrayList<>();
        try (KvCache cache = model.newCache(length + 1); TorchValue embeds = model.embed(ids)) {
            long start = System.nanoTime();
            long[] last = {start};
            model.prefill(cache, embeds, new long[][] {row, row, row}, 0, null, chunk, (done, total) -> {
                long now = System.nanoTime();
                chunkMs.add((now - last[0]) / 1e6);
                last[0] = now;
            });
            return new Timing((System.nanoTime() - start) / 1e6, chunkMs);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
