package dev.framewise.engine.model;

import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;

import java.util.HashMap;
import java.util.Map;

/**
 * One matrix of an AutoAWQ "GEMM" checkpoint (e.g. Qwen/Qwen2.5-VL-7B-Instruct-AWQ), where a linear layer's
 * {@code weight [out, in]} is stored as {@code qweight [in, out / 8]} and {@code qzeros [in / group, out / 8]} (int32,
 * eight 4-bit values each, in AutoAWQ's column order) and {@code scales [in / group, out]} (fp16): weight =
 * (q - zero) * scale. The group size follows from the shapes (it is quantization_config's group_size).
 * {@code awq_matrix} in quantized_linear.py unpacks it for the int4 kernel (see AutoAWQ's awq/utils/packing_utils.py).
 */
record AwqMatrix(Weights.Entry qweight, Weights.Entry qzeros, Weights.Entry scales) {

    /** Whether the checkpoint holds {@code weightName} ("...proj.weight") in AWQ's form. */
    static boolean present(Weights w, String weightName) {
        return weightName.endsWith(".weight") && w.contains(prefix(weightName) + "qweight");
    }

    /** The AWQ tensors standing for a matrix of the given shape, checked against it. */
    static AwqMatrix require(Weights w, TensorShape matrix) {
        String p = prefix(matrix.name());
        long out = matrix.shape()[0];
        long in = matrix.shape()[1];
        if (out % 8 != 0) {
            throw new ModelFormatException("'" + p + "qweight': AWQ packs 8 outputs per int32, but the layer has " + out);
        }
        Weights.Entry qweight = w.require(p + "qweight", in, out / 8);
        Weights.Entry zeros = w.find(p + "qzeros");
        long groups = zeros == null || zeros.info().shape().length != 2 ? 0 : zeros.info().shape()[0];
        if (groups < 1 || in % groups != 0) {
            throw new ModelFormatException("'" + p + "qzeros' has no group count that divides the layer's " + in
                    + " inputs; is this an AutoAWQ GEMM checkpoint?");
        }
        return new AwqMatrix(qweight, w.require(p + "qzeros", groups, out / 8), w.require(p + "scales", groups, out));
    }

    private static String prefix(String weightName) {
        return weightName.substring(0, weightName.length() - "weight".length());
    }

    /** The unpacked matrix (awq_matrix: codes, scales and zeros as float32 [out, groups, group + 2]). */
    TorchValue tensor(TensorProgram program, TorchValue device) {
        Map<String, TorchValue> mapping = new HashMap<>();
        try (TorchValue int32 = TorchValue.from(3L); TorchValue float32 = TorchValue.from(6L);
             TorchValue q = LanguageModel.weightTensor(program, qweight, mapping, int32, device);
             TorchValue z = LanguageModel.weightTensor(program, qzeros, mapping, int32, device);
             TorchValue s = LanguageModel.weightTensor(program, scales, mapping, float32, device)) {
            return program.call("awq_matrix", q, z, s);
        } finally {
            mapping.values().forEach(TorchValue::close);
        }
    }
}
