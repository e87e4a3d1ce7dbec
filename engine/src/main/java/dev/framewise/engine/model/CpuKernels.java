package dev.framewise.engine.model;

import ai.djl.ndarray.NDManager;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

/**
 * Which of libtorch's CPU matrix kernels a language model's matrices are prepared for (see {@code new_linear} in
 * {@code qwen2_text.py}). Decoding reads every matrix once per token, so the kernel's read rate is the speed:
 * on a 2-core Zen 4, fbgemm's fp16 kernel read bf16 matrices at 85-100 % of the torch.sum rate where oneDNN's bf16
 * kernel read at 54-80 % (docs/decode-speed.md).
 *
 * @param fp16   bf16 matrices go to fbgemm's fp16 kernel (x86 with AVX2)
 * @param oneDnn the other matrices are packed for oneDNN (x86 with AVX-512 for bf16)
 */
public record CpuKernels(boolean fp16, boolean oneDnn) {
    /** Matrices as they are in the checkpoint: off the CPU, and where libtorch has neither kernel. */
    public static final CpuKernels PLAIN = new CpuKernels(false, false);

    /**
     * The fastest kernels this machine's libtorch runs correctly for the precision: each probe multiplies a random
     * matrix through the kernel and through {@code torch.linear}, and a kernel whose products disagree (a oneDNN
     * build on a CPU newer than itself) is not used.
     */
    static CpuKernels choose(TensorProgram program, Precision precision) {
        boolean fp16 = precision == Precision.BF16 && agrees(program, 2e-2, "fp16_probe");
        try (TorchValue dtype = TorchValue.from((long) precision.scalarType)) {
            return new CpuKernels(fp16, agrees(program, precision == Precision.FP32 ? 1e-4 : 3e-2, "pack_probe", dtype));
        }
    }

    /**
     * Whether the int8 or int4 kernels (quantized_linear.py) run here and agree with {@code torch.linear} on the
     * dequantised matrices (activations are rounded to bf16 on their way in: 2^-9 relative each).
     */
    static boolean quantizedAgrees(TensorProgram program, Precision precision) {
        try (TorchValue bits = TorchValue.from((long) precision.matrixBits)) {
            return agrees(program, 1e-2, "quantized_probe", bits);
        }
    }

    private static boolean agrees(TensorProgram program, double tolerance, String probe, TorchValue... args) {
        try (NDManager scope = program.newScope()) {
            return TensorProgram.floats(scope, program.call(probe, args))[0] <= tolerance;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** For benchmark output. */
    public String describe() {
        if (fp16) return "fbgemm fp16 kernel";
        return oneDnn ? "oneDNN-packed weights" : "plain weights";
    }
}
