package dev.framewise.cli;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.bench.Median;
import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.generate.Logits;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.store.FileTrees;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code framewise bench decode}: prefill and greedy-decode speed of the language model, peak resident memory,
 * and the memory-bandwidth bound of decoding on this machine (bytes of weights one step reads, divided by the
 * bandwidth at which {@code torch.sum} reads as many bytes here). Shared machines' bandwidth swings by 2x from
 * one second to the next, so decoding runs in rounds of {@value #ROUND} tokens with one bandwidth read after
 * each, and the ratio is the median over rounds of each round's speed against the read beside it.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Language-model prefill and decode speed against this machine's memory-bandwidth bound.")
public final class DecodeBenchCommand implements Runnable {
    static final int ROUND = 8;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "DIR", description = "A model folder.")
        Path model;

        @Option(names = "--synthetic", paramLabel = "NAME",
                description = "Random weights of a published shape, written to a temporary folder: qwen2.5-0.5b, "
                        + "cosmos-reason1-7b (15 GB of disk and memory), cosmos-reason2-2b (the language model of "
                        + "Qwen3-VL-2B, 3.4 GB) or cosmos-reason2-8b (16.4 GB).")
        String synthetic;

        /**
         * Runs {@code measure} on the model folder, or on a synthetic checkpoint written to a temporary folder (an
         * unknown name is refused before anything is written) and deleted afterwards.
         */
        void measure(PrintWriter out, Consumer<Path> measure) {
            if (model != null) {
                measure.accept(model);
                return;
            }
            Path temp = null;
            try {
                SyntheticCheckpoint.preset(synthetic); // an unknown name is refused before anything is written
                temp = Files.createTempDirectory("framewise-synthetic");
                long t = System.nanoTime();
                SyntheticCheckpoint.write(temp, synthetic, 42);
                out.printf(Locale.ROOT, "synthetic %s written in %.1f s%n", synthetic, (System.nanoTime() - t) / 1e9);
                measure.accept(temp);
            } catch (IOException e) {
                throw new EngineException("cannot create a temporary model folder: " + e.getMessage(), e);
            } finally {
                if (temp != null) FileTrees.deleteQuietly(temp);
            }
        }
    }

    @Option(names = "--prompt-tokens", defaultValue = "128", description = "Prompt length (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--tokens", defaultValue = "64", description = "Tokens to decode (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Also decode 16 more tokens under libtorch's operator profiler: its Chrome trace goes to FILE "
                    + "and a step's time per operator, per matrix product and outside the products to the output.")
    Path profile;

    @CommandLine.Mixin
    PlacementOptions placement;

    @Override
    public void run() {
        Precision precision = placement.precision();
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
        LanguageModel model = b.model();
        int[] prompt = b.randomPrompt(promptTokens);
        long[] row = new long[promptTokens];
        for (int i = 0; i < row.length; i++) row[i] = i;
        Result r;
        long probeBytes;
        try (LanguageModel.BandwidthProbe probe = model.bandwidthProbe()) {
            probeBytes = probe.bytes();
            run(model, probe, prompt, row, ROUND); // warm-up: first calls allocate and initialise kernels
            r = run(model, probe, prompt, row, Math.max(ROUND, tokens / ROUND * ROUND));
        }
        long bytes = model.weightBytesPerToken();
        int decoded = r.tokenMs.length;
        double decodeMs = Arrays.stream(r.tokenMs).sum();
        double[] bandwidths = r.bandwidths.clone();
        Arrays.sort(bandwidths);
        double bandwidth = Median.of(bandwidths);
        double boundTokS = bandwidth / bytes;
        out.printf(Locale.ROOT, "model        %s, %d layers, hidden %d, vocab %d, %s on %s (%d threads%s)%n",
                b.dir().getFileName(), config.text().numLayers(), config.text().hiddenSize(),
                config.text().vocabSize(), b.precision().name().toLowerCase(Locale.ROOT)
                        + (b.precision().quantized() ? " (lm_head " + model.lmHeadPrecision().name()
                        .toLowerCase(Locale.ROOT) + ")" : ""), b.device(),
                TensorProgram.threads(),
                b.device() == ComputeDevice.CPU ? ", " + model.kernels().describe() : "");
        out.printf(Locale.ROOT, "load         %.2f s%n", b.loadSeconds());
        out.printf(Locale.ROOT, "prefill      %d tokens in %.1f ms: %.1f tok/s%n", promptTokens, r.prefillMs,
                promptTokens * 1000 / r.prefillMs);
        out.printf(Locale.ROOT, "decode       %d tokens in %.1f ms: %.2f tok/s (mean %.2f ms/token, median %.2f)%n",
                decoded, decodeMs, decoded * 1000 / decodeMs, decodeMs / decoded, Median.of(r.tokenMs));
        out.printf(Locale.ROOT, "bandwidth    %.2f GB/s, median of %d torch.sum reads of %.0f MB, one after each round "
                        + "(range %.2f-%.2f)%n",
                bandwidth / 1e9, bandwidths.length, probeBytes / 1e6, bandwidths[0] / 1e9,
                bandwidths[bandwidths.length - 1] / 1e9);
        out.printf(Locale.ROOT, "bound        %.2f tok/s (%.1f MB of weights per step); decode reaches %.0f %% of it "
                        + "(median over %d rounds of %d tokens, each against the read after it; %.0f %% of the "
                        + "fastest read)%n",
                boundTokS, bytes / 1e6, 100 * r.medianRoundRatio(bytes), bandwidths.length, ROUND,
                100 * (decoded * 1000 / decodeMs) / (bandwidths[bandwidths.length - 1] / bytes));
        out.printf(Locale.ROOT, "kernel       lm_head's matrix-vector product alone reads at %.0f %% of the torch.sum "
                + "rate (median over rounds): the ceiling of decoding on these matrix kernels%n",
                100 * Median.of(r.kernelShares));
        // Current first: the peak only grows, so read after it, it is never below it.
        long current = NativeMemory.residentBytes();
        out.printf(Locale.ROOT, "peak memory  %.0f MiB resident (current %.0f MiB)%n",
                NativeMemory.peakResidentBytes() / 1048576.0, current / 1048576.0);
        if (profile != null) profile(model, prompt, row, config.text().numLayers(), Median.of(r.tokenMs), out);
        out.printf(Locale.ROOT, "load average %s%n", loadAverage());
    }

    private void profile(LanguageModel model, int[] prompt, long[] positions, int layers, double medianMs, PrintWriter out) {
        int steps = 2 * ROUND;
        try (KvCache cache = model.newCache(prompt.length + steps + 1)) {
            float[][] logits = new float[1][];
            try (TorchValue embeds = model.embed(prompt)) {
                logits[0] = model.prefill(cache, embeds, new long[][] {positions, positions, positions});
            }
            DecodeProfile.print(out, profile, layers, steps, medianMs, () -> {
                long s = System.nanoTime();
                logits[0] = model.decode(cache, Logits.argmax(logits[0]), cache.length());
                return (System.nanoTime() - s) / 1e6;
            });
        }
    }

    /**
     * Per decoded token its time; per round of {@link #ROUND} tokens the bandwidth (bytes/s) read after it and the
     * lm_head product's read rate as a share of that.
     */
    private record Result(double prefillMs, double[] tokenMs, double[] bandwidths, double[] kernelShares) {
        /** Median over rounds of the round's decode speed divided by the bound the read after it gives. */
        double medianRoundRatio(long weightBytes) {
            double[] ratios = new double[bandwidths.length];
            for (int round = 0; round < ratios.length; round++) {
                double roundS = Arrays.stream(tokenMs, round * ROUND, (round + 1) * ROUND).sum() / 1000;
                ratios[round] = (ROUND / roundS) / (bandwidths[round] / weightBytes);
            }
            return Median.of(ratios);
        }
    }

    private static Result run(LanguageModel model, LanguageModel.BandwidthProbe probe, int[] prompt, long[] positions,
                              int count) {
        try (KvCache cache = model.newCache(prompt.length + count + 1)) {
            long t0 = System.nanoTime();
            float[] logits;
            try (TorchValue embeds = model.embed(prompt)) {
                logits = model.prefill(cache, embeds, new long[][] {positions, positions, positions});
            }
            double prefillMs = (System.nanoTime() - t0) / 1e6;
            double[] tokenMs = new double[count];
            double[] bandwidths = new double[count / ROUND];
            double[] kernelShares = new double[count / ROUND];
            for (int i = 0; i < count; i++) {
                long s = System.nanoTime();
                logits = model.decode(cache, Logits.argmax(logits), cache.length());
                tokenMs[i] = (System.nanoTime() - s) / 1e6;
                if ((i + 1) % ROUND == 0) {
                    bandwidths[i / ROUND] = probe.bytesPerSecond();
                    kernelShares[i / ROUND] = probe.lmHeadBytesPerSecond() / bandwidths[i / ROUND];
                }
            }
            return new Result(prefillMs, tokenMs, bandwidths, kernelShares);
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
