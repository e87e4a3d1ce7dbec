package dev.framewise.engine.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.model.SafetensorsFile.DType;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AutoAWQ GEMM checkpoints (AwqMatrix, awq_matrix in quantized_linear.py), packed here as AutoAWQ's
 * WQLinear_GEMM.from_linear packs them (qweight [in, out / 8] and qzeros [groups, out / 8], eight 4-bit values per
 * int32 in the order 0, 2, 4, 6, 1, 3, 5, 7; scales [groups, out] fp16; weight = (q - zero) * scale): the unpacked
 * codes, zeros and scales are the intended ones exactly, and the tiny model packed that way decodes as the same
 * model with its dequantised weights in bf16.
 */
class AwqCheckpointTest {
    private static final int[] AWQ_ORDER = {0, 2, 4, 6, 1, 3, 5, 7};
    private static final int GROUP = 32;
    private static TensorProgram program;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
    }

    @AfterAll
    static void close() {
        program.close();
    }

    @Test
    void unpackedCodesZerosAndScalesAreExactlyTheIntendedOnes() {
        int out = 24;
        int in = 64;
        int groups = in / GROUP;
        SplittableRandom r = new SplittableRandom(7);
        int[][] codes = new int[out][in];
        int[][] zeros = new int[out][groups];
        float[][] scales = new float[out][groups];
        for (int n = 0; n < out; n++) {
            for (int k = 0; k < in; k++) codes[n][k] = r.nextInt(16);
            for (int g = 0; g < groups; g++) {
                zeros[n][g] = r.nextInt(16);
                scales[n][g] = (float) Math.scalb(1.0, -r.nextInt(4, 9));
            }
        }
        try (NDManager scope = program.newScope();
             TorchValue q = ints(scope, pack(codes, in, out), in, out / 8);
             TorchValue z = ints(scope, pack(transposeGroups(zeros, groups), groups, out), groups, out / 8);
             TorchValue s = TorchValue.from(scope.create(flatten(scales, groups, out), new Shape(groups, out)))) {
            float[] m = TensorProgram.floats(scope, program.call("awq_matrix", q, z, s)); // [out, groups, GROUP + 2]
            for (int n = 0; n < out; n++) {
                for (int g = 0; g < groups; g++) {
                    int base = (n * groups + g) * (GROUP + 2);
                    for (int j = 0; j < GROUP; j++) {
                        assertThat(m[base + j]).as("code %d,%d", n, g * GROUP + j).isEqualTo(codes[n][g * GROUP + j]);
                    }
                    assertThat(m[base + GROUP]).isEqualTo(scales[n][g]);
                    assertThat(m[base + GROUP + 1]).isEqualTo((8 - zeros[n][g]) * scales[n][g]);
                }
            }
        }
    }

    @Test
    void theTinyModelPackedByAutoAwqDecodesAsItsDequantisedWeights(@TempDir Path dir) throws Exception {
        Path awq = Files.createDirectory(dir.resolve("awq"));
        Path dequantised = Files.createDirectory(dir.resolve("dequantised"));
        TinyModel.copyTo(awq);
        TinyModel.copyTo(dequantised);
        writeCheckpoints(TinyModel.dir().resolve("model.safetensors"), awq.resolve("model.safetensors"),
                dequantised.resolve("model.safetensors"));
        GoldenCase a = GoldenCase.named("a_text");
        var text = ModelFamilies.readConfig(awq).text();
        try (LanguageModel quantised = LanguageModel.load(program, text, Weights.open(awq), Precision.INT4,
                ComputeDevice.CPU);
             LanguageModel reference = LanguageModel.load(program, text, Weights.open(dequantised), Precision.FP32,
                     ComputeDevice.CPU)) {
            float[] x = QuantizedWeightsTest.lastLogits(program, quantised, a);
            float[] y = QuantizedWeightsTest.lastLogits(program, reference, a);
            double maxAbs = IntStream.range(0, y.length).mapToDouble(i -> Math.abs(y[i])).max().orElseThrow();
            double maxDiff = IntStream.range(0, y.length).mapToDouble(i -> Math.abs(x[i] - y[i])).max().orElseThrow();
            // the same weights; the int4 kernel rounds each activation row to bf16 on its way in
            assertThat(maxDiff / maxAbs).isLessThan(1e-2);
            assertThat(LanguageModelTest.topK(x, 5)).containsExactly(LanguageModelTest.topK(y, 5));
        }
        assertThatThrownBy(() -> LanguageModel.load(program, text, Weights.open(awq), Precision.BF16,
                ComputeDevice.CPU)).isInstanceOf(EngineException.class).hasMessageContaining("--dtype int4");
    }

    /**
     * Every layer matrix of the fixture quantised as AWQ would (asymmetric, per group of 32 inputs; scales powers of
     * two, so that fp16 and bf16 hold them and the dequantised weights exactly) into AutoAWQ's tensors; the rest as
     * it is. The same weights dequantised, in bf16, into the other file.
     */
    private static void writeCheckpoints(Path source, Path awqFile, Path dequantisedFile) {
        SafetensorsFile f = SafetensorsFile.open(source);
        Map<String, Tensor> awq = new LinkedHashMap<>();
        Map<String, Tensor> plain = new LinkedHashMap<>();
        for (String name : f.names()) {
            var info = f.info(name);
            boolean matrix = name.contains(".layers.") && name.endsWith("proj.weight") && info.shape().length == 2;
            if (!matrix) {
                ByteBuffer b = f.map(name);
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                awq.put(name, new Tensor(info.dtype(), info.shape(), bytes));
                plain.put(name, new Tensor(info.dtype(), info.shape(), bytes));
                continue;
            }
            int out = (int) info.shape()[0];
            int in = (int) info.shape()[1];
            int groups = in / GROUP;
            float[] w = f.readFloats(name);
            int[][] codes = new int[out][in];
            int[][] zeros = new int[out][groups];
            float[][] scales = new float[out][groups];
            ByteBuffer deq = ByteBuffer.allocate(out * in * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int n = 0; n < out; n++) {
                for (int g = 0; g < groups; g++) {
                    float lo = 0;
                    float hi = 0;
                    for (int j = 0; j < GROUP; j++) {
                        lo = Math.min(lo, w[n * in + g * GROUP + j]);
                        hi = Math.max(hi, w[n * in + g * GROUP + j]);
                    }
                    float s = (float) Math.scalb(1.0, Math.getExponent((hi - lo) / 15f) + 1);
                    int z = Math.min(15, Math.max(0, Math.round(-lo / s)));
                    scales[n][g] = s;
                    zeros[n][g] = z;
                    for (int j = 0; j < GROUP; j++) {
                        int k = g * GROUP + j;
                        codes[n][k] = Math.min(15, Math.max(0, Math.round(w[n * in + k] / s) + z));
                    }
                }
                for (int k = 0; k < in; k++) {
                    float v = (codes[n][k] - zeros[n][k / GROUP]) * scales[n][k / GROUP];
                    deq.putShort((short) (Float.floatToIntBits(v) >>> 16)); // exact in bf16
                }
            }
            String p = name.substring(0, name.length() - "weight".length());
            awq.put(p + "qweight", intTensor(pack(codes, in, out), in, out / 8));
            awq.put(p + "qzeros", intTensor(pack(transposeGroups(zeros, groups), groups, out), groups, out / 8));
            ByteBuffer s = ByteBuffer.allocate(groups * out * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : flatten(scales, groups, out)) s.putShort(fp16OfPowerOfTwo(v));
            awq.put(p + "scales", new Tensor(DType.F16, new long[] {groups, out}, s.array()));
            plain.put(name, new Tensor(DType.BF16, info.shape(), deq.array()));
        }
        write(awqFile, awq);
        write(dequantisedFile, plain);
    }

    private record Tensor(DType dtype, long[] shape, byte[] bytes) {
    }

    private static void write(Path file, Map<String, Tensor> tensors) {
        List<SafetensorsWriter.Spec> specs = new ArrayList<>();
        tensors.forEach((name, t) -> specs.add(new SafetensorsWriter.Spec(name, t.dtype(), t.shape())));
        Map<String, Integer> written = new LinkedHashMap<>();
        SafetensorsWriter.write(file, specs, (spec, outBuffer) -> {
            byte[] bytes = tensors.get(spec.name()).bytes();
            int from = written.getOrDefault(spec.name(), 0);
            int n = outBuffer.remaining();
            outBuffer.put(bytes, from, n);
            written.put(spec.name(), from + n);
        });
    }

    /**
     * AutoAWQ's WQLinear_GEMM.from_linear: intweight = codes transposed [rows, cols]; word c of a row holds
     * intweight[row, 8c + AWQ_ORDER[i]] in bits 4i..4i+3. Here {@code values} is [cols][rows] (a linear layer's
     * [out][in]) and the result [rows][cols / 8] row-major.
     */
    private static int[] pack(int[][] values, int rows, int cols) {
        int[] packed = new int[rows * cols / 8];
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < cols / 8; c++) {
                int word = 0;
                for (int i = 0; i < 8; i++) word |= values[c * 8 + AWQ_ORDER[i]][row] << (4 * i);
                packed[row * cols / 8 + c] = word;
            }
        }
        return packed;
    }

    /** zeros [out][groups], as pack takes a [cols][rows] array: unchanged (groups are the rows). */
    private static int[][] transposeGroups(int[][] zeros, int groups) {
        return zeros;
    }

    /** [out][groups] -> row-major [groups, out]. */
    private static float[] flatten(float[][] byOut, int groups, int out) {
        float[] flat = new float[groups * out];
        for (int g = 0; g < groups; g++) for (int n = 0; n < out; n++) flat[g * out + n] = byOut[n][g];
        return flat;
    }

    private static short fp16OfPowerOfTwo(float v) {
        return (short) ((Math.getExponent(v) + 15) << 10);
    }

    private static Tensor intTensor(int[] values, long rows, long cols) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        return new Tensor(DType.I32, new long[] {rows, cols}, b.array());
    }

    private static TorchValue ints(NDManager scope, int[] values, long rows, long cols) {
        return TorchValue.from(scope.create(values, new Shape(rows, cols)));
    }
}
