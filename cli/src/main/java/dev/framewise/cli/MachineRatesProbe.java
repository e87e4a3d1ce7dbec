package dev.framewise.cli;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.bench.Median;
import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.MachineRates;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.generate.Logits;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.store.FileTrees;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Measures this machine's {@link MachineRates} for {@code framewise models info}, in a few seconds and without the
 * model's weights: the memory bandwidth as {@code framewise bench decode} reads it ({@code torch.sum} over a
 * float32 buffer far larger than the CPU caches, the median of several reads), and the fixed cost of a decoding
 * step from greedy decodes of two tiny synthetic checkpoints of {@value #SHALLOW} and {@value #DEEP} layers (their
 * weights are a few hundred KB, so what a step takes is overhead; the difference between the two is the cost per
 * layer). A step's time is the lower quartile of its steps: on a busy machine a step now and then waits a whole
 * scheduler slice for a core another process holds, which is the other process's cost, not the step's. Here and not in the engine because the checkpoints are the benchmarks' {@link SyntheticCheckpoint}.
 */
final class MachineRatesProbe {
    /** 256 MiB: eight times the largest CPU cache, so the reads come from memory as a model's weights do. */
    static final long PROBE_BYTES = 256L << 20;
    static final int SHALLOW = 1;
    static final int DEEP = 8;
    private static final int READS = 7;
    /**
     * libtorch's profiling executor runs a program's first calls unoptimised and specialises it for the first
     * shapes it sees (the KV cache grows by one each step), a dozen slow steps: these are not timed.
     */
    private static final int WARM_UP = 16;
    private static final int STEPS = 48;

    private MachineRatesProbe() {
    }

    /**
     * The stored rates of the CPU when they are fresh and {@code again} is false; else measured now (in bf16, the
     * precision Framewise decodes in by default) and stored.
     */
    static MachineRates cpuRates(Calibration calibration, boolean again, LocalDate today) {
        MachineRates stored = again ? null : calibration.readMachine("cpu");
        if (stored != null && !stored.staleOn(today)) return stored;
        MachineRates measured = measure(ComputeDevice.CPU, Precision.BF16, today);
        calibration.writeMachine(measured);
        return measured;
    }

    static MachineRates measure(ComputeDevice device, Precision precision, LocalDate today) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("framewise-machine-rates");
            double[] bandwidth = new double[1];
            double shallow = stepSeconds(temp.resolve("shallow"), SHALLOW, precision, device, null);
            double deep = stepSeconds(temp.resolve("deep"), DEEP, precision, device, bandwidth);
            double layer = Math.max(0, (deep - shallow) / (DEEP - SHALLOW));
            double step = Math.max(0, shallow - layer * SHALLOW);
            return new MachineRates(device.toString().toLowerCase(java.util.Locale.ROOT), bandwidth[0], PROBE_BYTES,
                    step, layer, today.toString());
        } catch (IOException e) {
            throw new EngineException("cannot create a temporary folder to measure decoding speed: " + e.getMessage(), e);
        } finally {
            if (temp != null) FileTrees.deleteQuietly(temp);
        }
    }

    /** A tiny Qwen2 shape: widths of a few dozen, so a step's bytes are read in microseconds. */
    static ModelConfig.TextConfig tinyShape(int layers) {
        return new ModelConfig.TextConfig(64, layers, 2, 1, 32, 128, 512, 1e-6, 1_000_000.0, List.of(16, 0, 0), true,
                4096);
    }

    /**
     * The seconds of a greedy decoding step (lower quartile) of a tiny checkpoint of {@code layers} layers; with
     * {@code bandwidth} non-null also the median of {@value #READS} bandwidth reads (bytes/s) into its first element.
     */
    private static double stepSeconds(Path dir, int layers, Precision precision, ComputeDevice device,
                                      double[] bandwidth) {
        SyntheticCheckpoint.write(dir, tinyShape(layers), 7);
        return stepSeconds(dir, precision, device, bandwidth);
    }

    /** A decoding step's seconds (lower quartile) of the model in {@code dir}; see {@link #stepSeconds(Path, int, Precision, ComputeDevice, double[])}. */
    static double stepSeconds(Path dir, Precision precision, ComputeDevice device, double[] bandwidth) {
        ModelConfig config = ModelFamilies.readConfig(dir);
        ModelFamily family = ModelFamilies.forModelType(config.modelType());
        try (TensorProgram program = family.loadProgram();
             LanguageModel model = family.loadLanguageModel(program, config, Weights.open(dir), precision, device,
                     fraction -> { })) {
            int[] prompt = {1, 2, 3, 4, 5, 6, 7, 8};
            long[] positions = new long[prompt.length];
            for (int i = 0; i < positions.length; i++) positions[i] = i;
            double[] seconds = new double[STEPS];
            try (KvCache cache = model.newCache(prompt.length + WARM_UP + STEPS + 1)) {
                float[] logits;
                try (TorchValue embeds = model.embed(prompt)) {
                    logits = model.prefill(cache, embeds, new long[][] {positions, positions, positions});
                }
                for (int i = 0; i < WARM_UP + STEPS; i++) {
                    long start = System.nanoTime();
                    logits = model.decode(cache, Logits.argmax(logits), cache.length());
                    if (i >= WARM_UP) seconds[i - WARM_UP] = (System.nanoTime() - start) / 1e9;
                }
            }
            if (bandwidth != null) {
                try (LanguageModel.BandwidthProbe probe = model.bandwidthProbe(PROBE_BYTES)) {
                    probe.bytesPerSecond(); // the first read faults the buffer's pages in
                    double[] reads = new double[READS];
                    for (int i = 0; i < READS; i++) reads[i] = probe.bytesPerSecond();
                    bandwidth[0] = Median.of(reads);
                }
            }
            Arrays.sort(seconds);
            return seconds[seconds.length / 4];
        }
    }
}
