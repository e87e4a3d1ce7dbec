package dev.framewise.engine.model;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Weights prepared for each of libtorch's CPU kernels (oneDNN-packed; fbgemm fp16 in one and in several column
 * blocks) against the same weights unpacked: prefill and every decoding step of the golden case give the same
 * logits within the precision's tolerance and the same greedy tokens (the golden tests run whichever path this
 * machine takes; this one checks the others against plain weights), and the program compiled without those
 * kernels (for libtorch builds without them) decodes the golden tokens.
 */
class PackedWeightsTest {
    private static TensorProgram program;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
    }

    @AfterAll
    static void close() {
        program.close();
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"FP32", "BF16"})
    void oneDnnPackedAndPlainWeightsDecodeAlike(Precision precision) {
        assumeTrue(CpuKernels.choose(program, precision).oneDnn(), "this CPU's oneDNN cannot pack " + precision);
        // Both compute each product in the precision with float32 accumulation, in different orders.
        assertDecodeAlike(precision, new CpuKernels(false, true), precision == Precision.FP32 ? 1e-4 : 2e-2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void fp16KernelAndPlainWeightsDecodeAlike(int threads) {
        assumeTrue(CpuKernels.choose(program, Precision.BF16).fp16(), "fbgemm does not run on this CPU");
        // Plain bf16 rounds every activation to bf16; the fp16 kernel multiplies the same weight values (the tiny
        // model's are all within fp16's range) with float32 activations. Its products are split over the intra-op
        // threads by output columns: 3 threads split even the tiny model's matrices.
        int before = TensorProgram.threads();
        TensorProgram.setThreads(threads);
        try {
            assertDecodeAlike(Precision.BF16, new CpuKernels(true, false), 2e-2);
        } finally {
            TensorProgram.setThreads(before);
        }
    }

    private static void assertDecodeAlike(Precision precision, CpuKernels kernels, double tolerance) {
        GoldenCase a = GoldenCase.named("a_text");
        try (LanguageModel prepared = load(precision, kernels); LanguageModel plain = load(precision, CpuKernels.PLAIN)) {
            assertThat(prepared.kernels()).isEqualTo(kernels);
            float[][] p = greedy(prepared, a);
            float[][] q = greedy(plain, a);
            for (int step = 0; step < p.length; step++) {
                float[] x = p[step];
                float[] y = q[step];
                double maxAbs = IntStream.range(0, y.length).mapToDouble(i -> Math.abs(y[i])).max().orElseThrow();
                double maxDiff = IntStream.range(0, y.length).mapToDouble(i -> Math.abs(x[i] - y[i])).max().orElseThrow();
                assertThat(maxDiff).as("step %d", step).isLessThanOrEqualTo(tolerance * maxAbs);
                assertThat(LanguageModelTest.topK(x, 1)).as("step %d", step).containsExactly(LanguageModelTest.topK(y, 1));
            }
            assertThat(IntStream.range(0, p.length).map(i -> LanguageModelTest.topK(p[i], 1)[0]).toArray())
                    .containsExactly(a.greedyTokens());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"FP32", "BF16"})
    void programWithoutCpuKernelsDecodesTheGoldenTokens(Precision precision) {
        GoldenCase a = GoldenCase.named("a_text");
        try (TensorProgram plainProgram = Qwen25VlFamily.INSTANCE.loadPlainProgram();
             LanguageModel plain = LanguageModel.load(plainProgram, ModelFamilies.readConfig(TinyModel.dir()).text(),
                     Weights.open(TinyModel.dir()), precision, ComputeDevice.CPU)) {
            assertThat(plain.kernels().fp16() || plain.kernels().oneDnn()).isFalse();
            float[][] steps = greedy(plain, a);
            assertThat(IntStream.range(0, steps.length).map(i -> LanguageModelTest.topK(steps[i], 1)[0]).toArray())
                    .containsExactly(a.greedyTokens());
        }
    }

    private static LanguageModel load(Precision precision, CpuKernels kernels) {
        return LanguageModel.load(program, ModelFamilies.readConfig(TinyModel.dir()).text(), Weights.open(TinyModel.dir()),
                precision, ComputeDevice.CPU, fraction -> { }, kernels);
    }

    /** The logits after the prompt and after each of the golden case's greedy tokens but the last. */
    private static float[][] greedy(LanguageModel model, GoldenCase c) {
        int[] tokens = c.greedyTokens();
        float[][] steps = new float[tokens.length][];
        try (KvCache cache = model.newCache(128); TorchValue embeds = model.embed(c.inputIds())) {
            steps[0] = model.prefill(cache, embeds, c.positionIds());
            for (int i = 1; i < tokens.length; i++) {
                steps[i] = model.decode(cache, tokens[i - 1], cache.length() + c.ropeDeltas());
            }
        }
        return steps;
    }
}
