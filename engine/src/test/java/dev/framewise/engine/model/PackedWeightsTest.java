package dev.framewise.engine.model;

import ai.djl.pytorch.jni.IValue;
import dev.framewise.engine.torch.TensorProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Weights packed for oneDNN (the CPU's fast path) against the same weights unpacked: prefill and every decoding
 * step of the golden case give the same logits and the same greedy tokens (the golden tests run whichever path
 * this machine takes; this one checks the other against it; on the 2-core Zen 4 they were bit-identical), and the
 * program compiled without oneDNN ops (for libtorch builds without it) decodes the golden tokens.
 */
class PackedWeightsTest {
    private static TensorProgram program;

    @BeforeAll
    static void load() {
        program = TensorProgram.loadModelProgram();
    }

    @AfterAll
    static void close() {
        program.close();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void packedAndPlainWeightsDecodeAlike(Precision precision) {
        GoldenCase a = GoldenCase.named("a_text");
        try (LanguageModel packed = load(precision, true); LanguageModel plain = load(precision, false)) {
            assumeTrue(packed.packed(), "this CPU's oneDNN cannot pack " + precision + " matrices");
            assertThat(plain.packed()).isFalse();
            float[][] p = greedy(packed, a);
            float[][] q = greedy(plain, a);
            // Both compute each product in the precision with float32 accumulation, in different orders.
            double tolerance = precision == Precision.FP32 ? 1e-4 : 2e-2;
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
    @EnumSource(Precision.class)
    void programWithoutOneDnnDecodesTheGoldenTokens(Precision precision) {
        GoldenCase a = GoldenCase.named("a_text");
        try (TensorProgram plainProgram = TensorProgram.loadModelProgramWithoutOneDnn();
             LanguageModel plain = LanguageModel.load(plainProgram, ModelConfig.read(TinyModel.dir()).text(),
                     Weights.open(TinyModel.dir()), precision, ComputeDevice.CPU)) {
            assertThat(plain.packed()).isFalse();
            float[][] steps = greedy(plain, a);
            assertThat(IntStream.range(0, steps.length).map(i -> LanguageModelTest.topK(steps[i], 1)[0]).toArray())
                    .containsExactly(a.greedyTokens());
        }
    }

    private static LanguageModel load(Precision precision, boolean pack) {
        return LanguageModel.load(program, ModelConfig.read(TinyModel.dir()).text(), Weights.open(TinyModel.dir()),
                precision, ComputeDevice.CPU, fraction -> { }, pack);
    }

    /** The logits after the prompt and after each of the golden case's greedy tokens but the last. */
    private static float[][] greedy(LanguageModel model, GoldenCase c) {
        int[] tokens = c.greedyTokens();
        float[][] steps = new float[tokens.length][];
        try (KvCache cache = model.newCache(128); IValue embeds = model.embed(c.inputIds())) {
            steps[0] = model.prefill(cache, embeds, c.positionIds());
            for (int i = 1; i < tokens.length; i++) {
                steps[i] = model.decode(cache, tokens[i - 1], cache.length() + c.ropeDeltas());
            }
        }
        return steps;
    }
}
