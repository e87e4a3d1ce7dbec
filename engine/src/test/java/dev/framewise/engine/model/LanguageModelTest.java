package dev.framewise.engine.model;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The language model against the fixture's golden logits and greedy tokens (case a_text, fp32 on the CPU). */
class LanguageModelTest {
    private static TensorProgram program;
    private static LanguageModel model;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
        model = LanguageModel.load(program, ModelFamilies.readConfig(TinyModel.dir()).text(), Weights.open(TinyModel.dir()),
                Precision.FP32, TestDevice.device());
    }

    @AfterAll
    static void close() {
        model.close();
        program.close();
    }

    @Test
    void lastPositionLogitsMatchGolden() {
        GoldenCase a = GoldenCase.named("a_text");
        float[] logits = prefill(a, model.newCache(128));
        float[] golden = a.logitsLast();
        assertThat(logits).hasSize(golden.length);
        double maxAbs = IntStream.range(0, golden.length).mapToDouble(i -> Math.abs(golden[i])).max().orElseThrow();
        double maxDiff = IntStream.range(0, golden.length).mapToDouble(i -> Math.abs(golden[i] - logits[i])).max()
                .orElseThrow();
        assertThat(maxDiff).isLessThanOrEqualTo(1e-3 * maxAbs);
        assertThat(topK(logits, 5)).containsExactly(a.top5());
    }

    @Test
    void greedyTokensMatchGolden() {
        GoldenCase a = GoldenCase.named("a_text");
        try (KvCache cache = model.newCache(128)) {
            float[] logits = prefill(a, cache);
            int[] tokens = new int[16];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = topK(logits, 1)[0];
                if (i + 1 < tokens.length) logits = model.decode(cache, tokens[i], cache.length() + a.ropeDeltas());
            }
            assertThat(tokens).containsExactly(a.greedyTokens());
        }
    }

    @Test
    void loadingReportsProgressLayerByLayer() {
        List<Double> fractions = new ArrayList<>();
        ModelConfig.TextConfig config = ModelFamilies.readConfig(TinyModel.dir()).text();
        try (LanguageModel reloaded = LanguageModel.load(program, config, Weights.open(TinyModel.dir()), Precision.BF16,
                TestDevice.device(), fractions::add)) {
            assertThat(reloaded.config()).isEqualTo(config);
        }
        // after the model's own tensors (embedding, lm_head, norm), then after each layer
        assertThat(fractions).hasSize(config.numLayers() + 1).isSorted().doesNotHaveDuplicates().endsWith(1.0);
        assertThat(fractions.get(0)).isPositive();
    }

    @Test
    void aCancellationFromTheProgressCallbackStopsTheLoadAsItIs() {
        ModelConfig.TextConfig config = ModelFamilies.readConfig(TinyModel.dir()).text();
        List<Double> fractions = new ArrayList<>();
        assertThatThrownBy(() -> LanguageModel.load(program, config, Weights.open(TinyModel.dir()), Precision.BF16,
                ComputeDevice.CPU, fraction -> {
                    fractions.add(fraction);
                    throw new CancellationException("stop");
                })).isExactlyInstanceOf(CancellationException.class).hasMessage("stop");
        assertThat(fractions).hasSize(1);
    }

    /**
     * A stop asked for while a prefill call runs ends it between two layers, not at the chunk's end: here asked
     * before the only chunk, so the program itself stops at the first layer and the cache does not advance; the
     * next prefill runs whole and still meets the golden logits.
     */
    @Test
    void aStopEndsAPrefillCallBetweenLayersAndTheNextPrefillIsWhole() {
        GoldenCase a = GoldenCase.named("a_text");
        List<Integer> chunksDone = new ArrayList<>();
        ChunkProgress stopNow = ChunkProgress.stoppable((done, total) -> chunksDone.add(done), () -> true);
        try (KvCache cache = model.newCache(128); TorchValue embeds = model.embed(a.inputIds())) {
            assertThatThrownBy(() -> model.prefill(cache, embeds, a.positionIds(), 0, null, a.inputIds().length, stopNow))
                    .isInstanceOf(CancellationException.class);
            assertThat(chunksDone).isEmpty();
            assertThat(cache.length()).isZero();
            float[] logits = model.prefill(cache, embeds, a.positionIds(), 0, null, a.inputIds().length, ChunkProgress.NONE);
            assertThat(topK(logits, 5)).containsExactly(a.top5());
        }
    }

    static float[] prefill(GoldenCase c, KvCache cache) {
        try (TorchValue embeds = model.embed(c.inputIds())) {
            return model.prefill(cache, embeds, c.positionIds());
        }
    }

    static int[] topK(float[] logits, int k) {
        return IntStream.range(0, logits.length).boxed()
                .sorted((x, y) -> Float.compare(logits[y], logits[x])).limit(k).mapToInt(Integer::intValue).toArray();
    }
}
