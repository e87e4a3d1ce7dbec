package dev.framewise.engine.model;

import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

/**
 * The FLOP rate of a prefill's attention over a KV cache of {@code keys} positions, measured before any model is
 * loaded: {@code queries} random queries of the model's heads after {@code keys - queries} cached positions, through
 * the program's own {@code prompt_attention} (the very function a prefill chunk attends with: libtorch's fused
 * attention over the cache, key/value heads repeated where the kernel needs it), in the prefill's dtype (float32 on
 * the CPU, where the cache and the activations are float32; the weights' precision elsewhere). FLOPs are counted as
 * {@link #flops} counts them: a causal chunk, scores and weighted values.
 */
public final class AttentionKernelRate {
    private AttentionKernelRate() {
    }

    /**
     * FLOP/s of one layer's attention of {@code queries} queries over a cache of {@code keys} positions
     * ({@code keys >= queries}): the median of {@code runs} calls after {@link KernelTimer}'s warm-up, or, with
     * {@code runs} 0, one call timed alone (a long cache's, right after a shorter one warmed the kernel: its call
     * alone is most of the calibration's time).
     */
    public static double measure(TensorProgram program, ModelConfig.TextConfig t, Precision precision,
                                 ComputeDevice device, int queries, int keys, int runs) {
        if (queries < 1 || keys < queries) throw new IllegalArgumentException("need 1 <= queries <= keys");
        int past = keys - queries;
        int dtype = device == ComputeDevice.CPU ? Precision.FP32.scalarType : precision.scalarType;
        try (TorchValue heads = TorchValue.from((long) t.numHeads()); TorchValue kv = TorchValue.from((long) t.numKvHeads());
             TorchValue headDim = TorchValue.from((long) t.headDim()); TorchValue length = TorchValue.from((long) queries);
             TorchValue p = TorchValue.from((long) past); TorchValue type = TorchValue.from((long) dtype);
             TorchValue dev = TorchValue.from(device.torchName);
             TorchValue dims = TorchValue.listFrom(1L, t.numHeads(), t.numKvHeads(), t.headDim());
             TorchValue inputs = program.call("probe_attention_inputs", heads, kv, headDim, length, p, type, dev)) {
            Runnable call = () -> program.call("probe_attention", inputs, p, length, dims).close();
            double seconds = runs == 0 ? KernelTimer.onceSeconds(call) : KernelTimer.medianSeconds(call, runs);
            return flops(t, queries, past) / seconds;
        }
    }

    /**
     * One layer's attention FLOPs of a prefill chunk of {@code queries} queries after {@code past} cached positions:
     * query i attends causally to {@code past + i + 1} keys, scores and weighted values (2 multiply-adds per head
     * dimension), every head.
     */
    public static double flops(ModelConfig.TextConfig t, long queries, long past) {
        double q = (double) t.numHeads() * t.headDim();
        double keys = queries * (double) past + queries * (queries + 1.0) / 2.0;
        return 2 * 2.0 * q * keys;
    }
}
