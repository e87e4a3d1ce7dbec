package dev.framewise.engine.bench;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.family.qwen3vl.Qwen3VlFamily;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic Qwen3-VL checkpoints of {@code bench decode --synthetic cosmos-reason2-*} load as Qwen3-VL and decode. */
class SyntheticQwen3VlTest {

    @Test
    void thePublishedShapesAreQwen3VlsTwoAndEightB() {
        ModelConfig.TextConfig two = SyntheticCheckpoint.preset("cosmos-reason2-2b");
        assertThat(List.of(two.hiddenSize(), two.numLayers(), two.numHeads(), two.numKvHeads(), two.headDim(),
                two.intermediateSize(), two.vocabSize())).containsExactly(2048, 28, 16, 8, 128, 6144, 151936);
        assertThat(two.tieWordEmbeddings()).isTrue();
        ModelConfig.TextConfig eight = SyntheticCheckpoint.preset("cosmos-reason2-8b");
        assertThat(List.of(eight.hiddenSize(), eight.numLayers(), eight.numHeads(), eight.intermediateSize()))
                .containsExactly(4096, 36, 32, 12288);
        assertThat(eight.tieWordEmbeddings()).isFalse();
        assertThat(SyntheticCheckpoint.names()).contains("cosmos-reason2-2b", "cosmos-reason2-8b", "qwen2.5-0.5b");
    }

    @Test
    void aSmallQwen3VlShapeIsWrittenReadAsQwen3VlAndDecodes(@TempDir Path dir) {
        // the writer of the presets, on a shape small enough for a test
        SyntheticCheckpoint.Qwen3Shape small = new SyntheticCheckpoint.Qwen3Shape(new ModelConfig.TextConfig(64, 2, 4, 2,
                32, 96, 300, 1e-6, 5_000_000.0, List.of(6, 5, 5), true, 4096), 2, 32, 64, List.of(0));
        SyntheticCheckpoint.writeQwen3Vl(dir, small, 7);
        ModelConfig config = ModelFamilies.readConfig(dir);
        ModelFamily family = ModelFamilies.forModelType(config.modelType());
        assertThat(family).isSameAs(Qwen3VlFamily.INSTANCE);
        assertThat(config.text()).isEqualTo(small.text());
        try (TensorProgram program = family.loadProgram();
             LanguageModel model = family.loadLanguageModel(program, config, Weights.open(dir), Precision.FP32,
                     ComputeDevice.CPU, f -> { });
             KvCache cache = model.newCache(4)) {
            float[] logits = model.decode(cache, 5, 0);
            assertThat(logits).hasSize(300);
            for (float l : logits) assertThat(Float.isFinite(l)).isTrue();
        }
    }
}
