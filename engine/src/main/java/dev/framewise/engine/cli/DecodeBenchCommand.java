package dev.framewise.engine.cli;

import ai.djl.pytorch.jni.IValue;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.SyntheticCheckpoint;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.generate.Logits;
import dev.framewise.engine.torch.NativeMemory;
import dev.framewise.engine.torch.TensorProgram;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code framewise bench decode}: prefill and greedy-decode speed of the language model, peak resident memory,
 * and the memory-bandwidth bound of decoding on this machine (bytes of weights one step reads, divided by the
 * bandwidth at which {@code torch.sum} reads those same weights here, measured in the same run).
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Language-model prefill and decode speed against this machine's memory-bandwidth bound.")
public final class DecodeBenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "DIR", description = "A model folder.")
        Path model;

        @Option(names = "--synthetic", paramLabel = "NAME",
                description = "Random weights of a published shape, written to a temporary folder: qwen2.5-0.5b.")
        String synthetic;
    }

    @Option(names = "--prompt-tokens", defaultValue = "128", description = "Prompt length (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--tokens", defaultValue = "64", description = "Tokens to decode (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--dtype", defaultValue = "bf16", description = "fp32 or bf16 weights (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    public void run() {
        Precision precision = Precision.parse(dtype);
        PrintWriter out = spec.commandLine().getOut();
        Path dir = source.model;
        Path temp = null;
        try {
            if (dir == null) {
                temp = Files.createTempDirectory("framewise-synthetic");
                dir = temp;
                long t = System.nanoTime();
                SyntheticCheckpoint.write(dir, SyntheticCheckpoint.preset(source.synthetic), 42);
                out.printf(Locale.ROOT, "synthetic %s written in %.1f s%n", source.synthetic, (System.nanoTime() - t) / 1e9);
            }
            measure(dir, precision, out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new EngineException("cannot create a temporary model folder: " + e.getMessage(), e);
        } finally {
            if (temp != null) deleteTree(temp);
        }
        out.flush();
    }

    private void measure(Path dir, Precision precision, PrintWriter out) {
        ModelConfig config = ModelConfig.read(dir);
        ComputeDevice dev = ComputeDevice.resolve(device);
        long loadStart = System.nanoTime();
        try (TensorProgram program = TensorProgram.loadModelProgram();
             LanguageModel model = LanguageModel.load(program, config.text(), Weights.open(dir), precision, dev)) {
            double loadS = (System.nanoTime() - loadStart) / 1e9;
            int[] prompt = new SplittableRandom(1).ints(promptTokens, 0, Math.min(config.text().vocabSize(), 1000)).toArray();
            long[] row = new long[promptTokens];
            for (int i = 0; i < row.length; i++) row[i] = i;
            run(model, prompt, row, 8); // warm-up: first calls allocate and initialise kernels
            Result r = run(model, prompt, row, tokens);
            double readS = model.weightReadSeconds(5);
            long bytes = model.weightBytesPerToken();
            double boundTokS = 1 / readS;
            out.printf(Locale.ROOT, "model        %s, %d layers, hidden %d, vocab %d, %s on %s (%d threads)%n",
                    dir.getFileName(), config.text().numLayers(), config.text().hiddenSize(),
                    config.text().vocabSize(), precision.name().toLowerCase(Locale.ROOT), dev,
                    ai.djl.pytorch.jni.JniUtils.getNumThreads());
            out.printf(Locale.ROOT, "load         %.2f s%n", loadS);
            out.printf(Locale.ROOT, "prefill      %d tokens in %.1f ms: %.1f tok/s%n", promptTokens, r.prefillMs,
                    promptTokens * 1000 / r.prefillMs);
            out.printf(Locale.ROOT, "decode       %d tokens in %.1f ms: %.2f tok/s (mean %.2f ms/token, median %.2f)%n",
                    tokens, r.decodeMs, tokens * 1000 / r.decodeMs, r.decodeMs / tokens, r.medianTokenMs);
            out.printf(Locale.ROOT, "bandwidth    %.2f GB/s (torch.sum over a buffer the size of the %.1f MB of weights a step reads: %.2f ms)%n",
                    bytes / readS / 1e9, bytes / 1e6, readS * 1000);
            out.printf(Locale.ROOT, "bound        %.2f tok/s; decode reaches %.0f %% of it (%.0f %% at the median token)%n",
                    boundTokS, 100 * (tokens * 1000 / r.decodeMs) / boundTokS, 100 * (1000 / r.medianTokenMs) / boundTokS);
            out.printf(Locale.ROOT, "peak memory  %.0f MiB resident (current %.0f MiB)%n",
                    NativeMemory.peakResidentBytes() / 1048576.0, NativeMemory.residentBytes() / 1048576.0);
            out.printf(Locale.ROOT, "load average %s%n", loadAverage());
        }
    }

    /** {@code medianTokenMs}: robust to other processes taking the CPU for a moment, unlike the total. */
    private record Result(double prefillMs, double decodeMs, double medianTokenMs) {
    }

    private static Result run(LanguageModel model, int[] prompt, long[] positions, int count) {
        try (KvCache cache = model.newCache(prompt.length + count + 1)) {
            long t0 = System.nanoTime();
            float[] logits;
            try (IValue embeds = model.embed(prompt)) {
                logits = model.prefill(cache, embeds, new long[][] {positions, positions, positions});
            }
            long t1 = System.nanoTime();
            double[] perToken = new double[count];
            for (int i = 0; i < count; i++) {
                long s = System.nanoTime();
                logits = model.decode(cache, Logits.argmax(logits), cache.length());
                perToken[i] = (System.nanoTime() - s) / 1e6;
            }
            long t2 = System.nanoTime();
            java.util.Arrays.sort(perToken);
            return new Result((t1 - t0) / 1e6, (t2 - t1) / 1e6, perToken[count / 2]);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
