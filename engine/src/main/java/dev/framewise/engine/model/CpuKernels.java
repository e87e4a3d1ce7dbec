package dev.framewise.engine.model;

import ai.djl.pytorch.jni.IValue;
import dev.framewise.engine.torch.NativeProcess;
import dev.framewise.engine.torch.TensorProgram;

/**
 * Which of libtorch's CPU matrix kernels a language model's matrices are prepared for (see {@code matrix} in
 * {@code qwen2_text.py}). Decoding reads every matrix once per token, so the kernel's read rate is the speed:
 * on a 2-core Zen 4, fbgemm's fp16 kernel read bf16 matrices at 82-105 % of the torch.sum rate (one block per
 * core) where oneDNN's bf16 kernel read at 54-80 % (docs/decode-speed.md).
 *
 * @param fp16          bf16 matrices go to fbgemm's fp16 kernel (x86 with AVX2)
 * @param oneDnn        the other matrices are packed for oneDNN (x86 with AVX-512 for bf16)
 * @param parts         blocks per fbgemm matrix, multiplied at once on as many threads; 1 otherwise
 * @param minSplitBytes fbgemm matrices smaller than this stay in one block
 */
public record CpuKernels(boolean fp16, boolean oneDnn, int parts, long minSplitBytes) {
    /** Matrices as they are in the checkpoint: off the CPU, and where libtorch has neither kernel. */
    public static final CpuKernels PLAIN = new CpuKernels(false, false, 1, 0);

    /**
     * Handing a block to another thread cost ~45 us on the 2-core VM, where one core alone read at ~85 % of both
     * cores' rate. There, splitting Qwen2.5-0.5B's 8.7 and 17 MB matrices took decoding from 68-69 % to 74-75 % of
     * the bandwidth bound, and splitting its 1.6 and 2 MB ones as well brought it back to 70-71 %.
     */
    static final long MIN_SPLIT_BYTES = 4L << 20;

    /**
     * Every block past the first costs a thread hand-off per product, and a few cores already read at the memory's
     * full rate on desktop machines; not measured beyond 2 cores (no larger machine was at hand).
     */
    static final int MAX_PARTS = 4;

    public CpuKernels {
        if (parts < 1 || parts > 1 && !fp16) throw new IllegalArgumentException("parts " + parts);
    }

    /** The fastest kernels this machine's libtorch runs for the precision, with one block per thread. */
    static CpuKernels choose(TensorProgram program, Precision precision, int threads) {
        // The probe runs both fbgemm ops once: their one-time deprecation warnings go nowhere.
        boolean fp16 = precision == Precision.BF16 && NativeProcess.withStderrMuted(() -> runs(program, "fp16_probe"));
        boolean oneDnn;
        try (IValue dtype = IValue.from((long) precision.scalarType)) {
            oneDnn = runs(program, "pack_probe", dtype);
        }
        return new CpuKernels(fp16, oneDnn, fp16 ? Math.max(1, Math.min(MAX_PARTS, threads)) : 1, MIN_SPLIT_BYTES);
    }

    private static boolean runs(TensorProgram program, String probe, IValue... args) {
        try {
            program.call(probe, args).close();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** For benchmark output: "fbgemm fp16 kernel, 2 blocks per matrix". */
    public String describe() {
        if (fp16) return "fbgemm fp16 kernel, " + (parts == 1 ? "1 block" : parts + " blocks") + " per matrix";
        return oneDnn ? "oneDNN-packed weights" : "plain weights";
    }
}
