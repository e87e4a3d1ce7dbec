package dev.framewise.engine.model;

import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;


/**
 * The FLOP rate of the matrix kernel a prefill at {@code precision} on a device multiplies with, measured before
 * any model is loaded: a random matrix prepared by the family's program exactly as {@link LanguageModel}'s load
 * prepares a checkpoint's (the same {@link CpuKernels} choice, the same {@code new_linear}: fbgemm's fp16 kernel for
 * bf16 on an x86 CPU that has it, oneDNN or plain {@code torch.linear} otherwise, the int8 / int4 kernels for
 * quantised weights), times rows of activations in the prefill's dtype through the same {@code product}. What
 * {@link LanguageModel#prefillProductFlopsPerSecond} measures on a loaded model's own matrix.
 *
 * @param kernel the kernel measured, for messages ("fbgemm fp16 kernel", "int8 quantised kernel", ...)
 */
public record ProductKernelRate(int rows, int inputs, int outputs, String kernel, double flopsPerSecond) {

    /**
     * The median of {@code runs} products {@code [rows × inputs] × [inputs × outputs]} ({@link KernelTimer}), at
     * {@code precision} on {@code device}, through {@code program} (a family's model program).
     */
    public static ProductKernelRate measure(TensorProgram program, Precision precision, ComputeDevice device,
                                            int rows, int inputs, int outputs, int runs) {
        boolean quantized = precision.quantized() && device == ComputeDevice.CPU
                && CpuKernels.quantizedAgrees(program, precision);
        CpuKernels kernels = device == ComputeDevice.CPU ? CpuKernels.choose(program, precision) : CpuKernels.PLAIN;
        int activations = device == ComputeDevice.CPU ? Precision.FP32.scalarType : precision.scalarType;
        double flops = 2.0 * rows * inputs * outputs;
        try (TorchValue out = TorchValue.from((long) outputs); TorchValue in = TorchValue.from((long) inputs);
             TorchValue r = TorchValue.from((long) rows); TorchValue wType = TorchValue.from((long) precision.scalarType);
             TorchValue xType = TorchValue.from((long) activations); TorchValue dev = TorchValue.from(device.torchName);
             TorchValue pack = TorchValue.from(kernels.oneDnn()); TorchValue fp16 = TorchValue.from(kernels.fp16());
             TorchValue bits = TorchValue.from((long) (quantized ? precision.matrixBits : 0));
             TorchValue group = TorchValue.from((long) Precision.INT4_GROUP);
             TorchValue linear = program.call("probe_linear", out, in, wType, dev, pack, fp16, bits, group);
             TorchValue x = program.call("probe_rows", r, in, xType, dev)) {
            double seconds = KernelTimer.medianSeconds(() -> program.call("probe_product", x, linear).close(), runs);
            String kernel = quantized ? precision.name().toLowerCase(java.util.Locale.ROOT) + " quantised kernel"
                    : device == ComputeDevice.CPU ? kernels.describe() : precision.name().toLowerCase(java.util.Locale.ROOT);
            return new ProductKernelRate(rows, inputs, outputs, kernel, flops / seconds);
        }
    }
}
