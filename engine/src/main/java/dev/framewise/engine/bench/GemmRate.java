package dev.framewise.engine.bench;

import dev.framewise.engine.model.KernelTimer;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

import java.util.Locale;

/**
 * The arithmetic rate of one plain libtorch matrix product {@code [m, k] × [k, n]} ({@code torch.mm}) in a dtype on
 * a device, measured now: the yardstick the benches hold the vision tower and prefill against ("N % of GEMM"),
 * measured in the same run because a shared machine's rate moves from one minute to the next. The median of
 * {@code runs} products ({@link KernelTimer}).
 */
public record GemmRate(int m, int k, int n, String dtype, double flopsPerSecond) {

    /** Multiply-adds count two floating-point operations. */
    public static long flops(long m, long k, long n) {
        return 2 * m * k * n;
    }

    public static GemmRate measure(TensorProgram program, int m, int k, int n, int scalarType, String device,
                                   int runs) {
        try (TorchValue mv = TorchValue.from((long) m); TorchValue kv = TorchValue.from((long) k); TorchValue nv = TorchValue.from((long) n);
             TorchValue dt = TorchValue.from((long) scalarType); TorchValue dev = TorchValue.from(device);
             TorchValue operands = program.call("gemm_operands", mv, kv, nv, dt, dev)) {
            double seconds = KernelTimer.medianSeconds(() -> program.call("gemm_once", operands).close(), runs);
            return new GemmRate(m, k, n, dtypeName(scalarType), flops(m, k, n) / seconds);
        }
    }

    /** How much of this rate {@code flops} operations in {@code seconds} reach, in percent. */
    public double percentOf(double flops, double seconds) {
        return 100 * flops / seconds / flopsPerSecond;
    }

    /** {@code GEMM [1024x896]x[896x9728] float32 123.4 GFLOP/s}. */
    public String describe() {
        return String.format(Locale.ROOT, "GEMM [%dx%d]x[%dx%d] %s %.1f GFLOP/s", m, k, k, n, dtype,
                flopsPerSecond / 1e9);
    }

    private static String dtypeName(int scalarType) {
        return switch (scalarType) {
            case 6 -> "float32";
            case 15 -> "bfloat16";
            case 5 -> "float16";
            default -> "dtype " + scalarType;
        };
    }
}
