package dev.framewise.engine.estimate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.torch.TorchThread;

/**
 * The first-use calibration of a model shape, in well under a second and without its weights: libtorch's float32
 * matrix product at the shape of one of the model's layers gives a FLOP rate, a matrix-vector product over a
 * matrix far larger than the CPU caches the memory bandwidth; the model's FLOPs per patch and per token and its
 * bytes per decoded token (counted from the config) turn them into rates. The products run at an
 * {@link #EFFICIENCY} the model's own layers (attention, norms, rotary, layout copies) do not beat; the first real
 * run replaces these figures ({@link Rates#refined}).
 */
public final class MicroBenchmark {
    /** The share of the plain matrix-product rate the model's layers are assumed to reach before any run. */
    static final double EFFICIENCY = 0.5;
    /** Sampled frames decoded, resized and normalised per second before any run measured it (no file to try). */
    static final double MEDIA_FRAMES_PER_SECOND = 20;
    /** Template, tokenizer and first-token sampling before any run measured them. */
    static final double OVERHEAD_SECONDS = 0.05;
    private static final int ROWS = 256;
    private static final int BANDWIDTH_SIDE = 4096; // 64 MiB of float32: far past any CPU cache

    private MicroBenchmark() {
    }

    /** Rates for {@code config} at {@code precision} on {@code device}, from two short measurements. */
    public static Rates measure(ModelConfig config, Precision precision, ComputeDevice device) {
        ModelConfig.TextConfig t = config.text();
        double[] measured = TorchThread.call(() -> {
            try (NDManager manager = NDManager.newBaseManager(device == ComputeDevice.CUDA ? Device.gpu() : Device.cpu(),
                    "PyTorch")) {
                int k = Math.min(t.hiddenSize(), 4096);
                int n = Math.min(t.intermediateSize(), 8192);
                double seconds = best(manager, ROWS, k, n);
                double flops = 2.0 * ROWS * k * n / seconds;
                double vectorSeconds = best(manager, 1, BANDWIDTH_SIDE, BANDWIDTH_SIDE);
                double bandwidth = 4.0 * BANDWIDTH_SIDE * BANDWIDTH_SIDE / vectorSeconds;
                return new double[] {flops, bandwidth};
            }
        });
        return fromRates(config, precision, measured[0], measured[1]);
    }

    /** The rates a model shape would run at, given a float32 matrix-product rate and a memory bandwidth. */
    static Rates fromRates(ModelConfig config, Precision precision, double flopsPerSecond, double bytesPerSecond) {
        double vision = config.hasVision() ? flopsPerSecond * EFFICIENCY / ModelFlops.perPatch(config.vision()) : 1;
        double prefill = flopsPerSecond * EFFICIENCY / ModelFlops.perPromptToken(config.text());
        double decode = bytesPerSecond * EFFICIENCY / ModelFlops.bytesPerDecodedToken(config.text(), precision);
        return new Rates(MEDIA_FRAMES_PER_SECOND, vision, prefill, decode, OVERHEAD_SECONDS, 0);
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
