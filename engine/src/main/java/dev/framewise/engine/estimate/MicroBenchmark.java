package dev.framewise.engine.estimate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.model.AttentionKernelRate;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.ProductKernelRate;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchThread;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The first-use calibration of a model shape, in about a second and without its weights. Prefill: the kernel the
 * prefill itself multiplies with ({@link ProductKernelRate}: fbgemm's fp16 kernel for bf16 on an x86 CPU that has
 * it, {@code torch.linear} where it has not, the int8 / int4 kernels for quantised weights), at the rows of one
 * prefill chunk and the width of the model's gate/up matrix, turned into the linear part of a prefill's time by the
 * measured share of the rest ({@link PrefillProfile}); where a model is loaded, its own gate/up matrix instead of a
 * random one ({@link CostEstimator#preferLoadedKernel}); and the program's own prompt attention timed over a short
 * and a long cache ({@link #attentionRates}), which with the linear part make the prefill's time by length
 * ({@link PrefillTime}). Vision: libtorch's float32 matrix product at the shape of one of the tower's layers (the
 * tower computes in float32 on the CPU) at {@link #EFFICIENCY}. Decode: a matrix-vector product over a matrix far larger than the CPU
 * caches gives the memory bandwidth, at {@link #EFFICIENCY}. The first real run replaces these figures
 * ({@link Rates#refined}).
 */
public final class MicroBenchmark {
    /** The share of the plain matrix-product rate (and of the bandwidth) the vision tower and decoding are assumed to reach. */
    static final double EFFICIENCY = 0.5;
    /** Sampled frames decoded, resized and normalised per second before any run measured it (no file to try). */
    static final double MEDIA_FRAMES_PER_SECOND = 20;
    /** Template, tokenizer and first-token sampling before any run measured them. */
    static final double OVERHEAD_SECONDS = 0.05;
    /** The prompt length the first-use prefill rate is for (the length the shares were profiled at). */
    static final int PROMPT_TOKENS = PrefillTime.REFERENCE_TOKENS;
    /** The cache lengths attention is timed at, and the queries of each call (one bf16 prefill chunk's). */
    static final int SHORT_KEYS = 2048;
    static final int LONG_KEYS = 16384;
    static final int ATTENTION_QUERIES = LanguageModel.DEFAULT_PREFILL_CHUNK;
    private static final int ROWS = 256;
    private static final int BANDWIDTH_SIDE = 4096; // 64 MiB of float32: far past any CPU cache
    /**
     * The probe matrix's elements at most: a 7B shape's gate/up matrix (136 M) would take seconds to pack or
     * quantise; a few million elements are far past the caches, where the kernel's rate no longer depends on the size
     * (about the 0.5B shape's whole gate/up matrix).
     */
    static final long PROBE_ELEMENTS = 8L << 20;
    private static final int PRODUCT_RUNS = 3;
    /** {@link KernelRates#kernel} where the loaded model's own matrix was timed. */
    public static final String LOADED_KERNEL = "the model's own gate/up matrix";

    private MicroBenchmark() {
    }

    /** The measured kernel rates prefill is estimated from (FLOP/s). */
    public record KernelRates(double products, double reference, String kernel) {
    }

    /** Rates for {@code config} at {@code precision} on {@code device}, from short measurements. */
    public static Rates measure(ModelFamily family, ModelConfig config, Precision precision, ComputeDevice device) {
        double[] measured = TorchThread.call(() -> {
            try (NDManager manager = NDManager.newBaseManager(device == ComputeDevice.CUDA ? Device.gpu() : Device.cpu(),
                    "PyTorch")) {
                double flops = 0;
                if (config.hasVision()) {
                    int k = Math.min(config.vision().hiddenSize(), 4096);
                    int n = Math.min(config.vision().intermediateSize(), 8192);
                    flops = 2.0 * ROWS * k * n / best(manager, ROWS, k, n);
                }
                double vectorSeconds = best(manager, 1, BANDWIDTH_SIDE, BANDWIDTH_SIDE);
                return new double[] {flops, 4.0 * BANDWIDTH_SIDE * BANDWIDTH_SIDE / vectorSeconds};
            }
        });
        PrefillProbe prefill = TorchThread.call(() -> {
            try (TensorProgram program = family.loadProgram()) {
                return new PrefillProbe(kernelRates(program, config, precision, device, OptionalDouble.empty()),
                        attentionRates(program, config.text(), precision, device));
            }
        });
        return fromRates(config, precision, device, prefill.kernels(), prefill.attention(), measured[0], measured[1]);
    }

    /** The prefill's measurements, made with one load of the family's program. */
    private record PrefillProbe(KernelRates kernels, List<AttentionRate> attention) {
    }

    /**
     * The prefill's product-kernel rate at {@code precision}, and the bf16 one attention and the rest are scaled by
     * (the same measurement where the precision is bf16, or off the CPU). {@code loadedProducts}, where present, is
     * the loaded model's own rate ({@link LanguageModel#prefillProductFlopsPerSecond} at a chunk's rows: a real
     * matrix of the model, prepared as its prefill uses it) and replaces the random probe matrix's.
     */
    public static KernelRates kernelRates(ModelFamily family, ModelConfig config, Precision precision,
                                          ComputeDevice device, OptionalDouble loadedProducts) {
        if (loadedProducts.isPresent() && (precision == Precision.BF16 || device != ComputeDevice.CPU)) {
            double products = loadedProducts.getAsDouble();
            return new KernelRates(products, products, LOADED_KERNEL);
        }
        return TorchThread.call(() -> {
            try (TensorProgram program = family.loadProgram()) {
                return kernelRates(program, config, precision, device, loadedProducts);
            }
        });
    }

    private static KernelRates kernelRates(TensorProgram program, ModelConfig config, Precision precision,
                                           ComputeDevice device, OptionalDouble loadedProducts) {
        ModelConfig.TextConfig t = config.text();
        int rows = prefillRows(precision, device);
        int inputs = t.hiddenSize();
        int outputs = probeOutputs(t);
        boolean ownReference = precision == Precision.BF16 || device != ComputeDevice.CPU;
        ProductKernelRate probe = loadedProducts.isPresent() ? null
                : ProductKernelRate.measure(program, precision, device, rows, inputs, outputs, PRODUCT_RUNS);
        double products = probe != null ? probe.flopsPerSecond() : loadedProducts.getAsDouble();
        // at bf16's own rows: the profile's shares are relative to its products at those rows
        double reference = ownReference ? products : ProductKernelRate.measure(program, Precision.BF16,
                device, prefillRows(Precision.BF16, device), inputs, outputs, PRODUCT_RUNS).flopsPerSecond();
        return new KernelRates(products, reference, probe != null ? probe.kernel() : LOADED_KERNEL);
    }

    /**
     * Attention's FLOP rate on this machine for shape {@code t} at {@code precision} on {@code device}, by cache
     * length: {@link #ATTENTION_QUERIES} queries after a cache of {@link #SHORT_KEYS} and of {@link #LONG_KEYS}
     * positions (fewer where the model's context is shorter), through the program's own prompt attention
     * ({@link AttentionKernelRate}). The long one is timed in one call, right after the short one's warm-up and
     * runs: that call alone is most of the calibration's time on a wide shape.
     */
    public static List<AttentionRate> attentionRates(ModelFamily family, ModelConfig config, Precision precision,
                                                     ComputeDevice device) {
        return TorchThread.call(() -> {
            try (TensorProgram program = family.loadProgram()) {
                return attentionRates(program, config.text(), precision, device);
            }
        });
    }

    private static List<AttentionRate> attentionRates(TensorProgram program, ModelConfig.TextConfig t,
                                                      Precision precision, ComputeDevice device) {
        int longKeys = Math.min(LONG_KEYS, Math.max(t.maxPositionEmbeddings(), SHORT_KEYS));
        List<AttentionRate> rates = new ArrayList<>();
        rates.add(new AttentionRate(SHORT_KEYS, AttentionKernelRate.measure(program, t, precision, device,
                ATTENTION_QUERIES, SHORT_KEYS, PRODUCT_RUNS)));
        if (longKeys > SHORT_KEYS) {
            rates.add(new AttentionRate(longKeys, AttentionKernelRate.measure(program, t, precision, device,
                    ATTENTION_QUERIES, longKeys, 0)));
        }
        return List.copyOf(rates);
    }

    /**
     * The rows of one prefill call at {@code precision} on {@code device} (as {@link LanguageModel#defaultPrefillChunk}
     * chooses them): the quantised kernels' rate per row grows with a call's rows, so they are timed at the rows the
     * prefill gives them.
     */
    static int prefillRows(Precision precision, ComputeDevice device) {
        return precision.quantized() && device == ComputeDevice.CPU ? LanguageModel.QUANTIZED_PREFILL_CHUNK
                : LanguageModel.DEFAULT_PREFILL_CHUNK;
    }

    /**
     * The probe matrix's outputs: the gate/up matrix's ({@code 2 × intermediate}), fewer where that would pass
     * {@link #PROBE_ELEMENTS}, in whole blocks of 16 (the int4 kernel's).
     */
    static int probeOutputs(ModelConfig.TextConfig t) {
        long outputs = Math.min(2L * t.intermediateSize(), PROBE_ELEMENTS / t.hiddenSize());
        return (int) Math.max(16, outputs / 16 * 16);
    }

    /**
     * The rates a model shape would run at, given its prefill's kernel rates, a float32 matrix-product rate at the
     * vision tower's shape and a memory bandwidth.
     */
    static Rates fromRates(ModelConfig config, Precision precision, ComputeDevice device, KernelRates kernels,
                           List<AttentionRate> attention, double visionFlopsPerSecond, double bytesPerSecond) {
        double vision = config.hasVision() ? visionFlopsPerSecond * EFFICIENCY / ModelFlops.perPatch(config.vision()) : 1;
        PrefillTime prefill = prefillTime(config.text(), precision, device, kernels, attention);
        double decode = bytesPerSecond * EFFICIENCY / ModelFlops.bytesPerDecodedToken(config.text(), precision);
        return new Rates(MEDIA_FRAMES_PER_SECOND, vision, prefill.referenceTokensPerSecond(), decode, OVERHEAD_SECONDS,
                0, prefill.linearSecondsPerToken(), prefill.attention());
    }

    /**
     * The prefill model of shape {@code t} at {@code precision} on {@code device} on these kernels (the linear part)
     * and attention rates, before any run refined it.
     */
    public static PrefillTime prefillTime(ModelConfig.TextConfig t, Precision precision, ComputeDevice device,
                                          KernelRates kernels, List<AttentionRate> attention) {
        return new PrefillTime(t, prefillRows(precision, device),
                PrefillProfile.linearSecondsPerToken(t, kernels.products(), kernels.reference()), attention);
    }

    /** Seconds of the fastest of three {@code [rows, k] × [k, n]} products after one to warm up. */
    private static double best(NDManager manager, int rows, int k, int n) {
        try (NDArray a = manager.randomUniform(-1, 1, new Shape(rows, k));
             NDArray b = manager.randomUniform(-1, 1, new Shape(k, n))) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b); NDArray s = c.sum()) {
                    s.getFloat(); // waits for the device
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (i > 0) best = Math.min(best, seconds);
            }
            return Math.max(best, 1e-9);
        }
    }
}
