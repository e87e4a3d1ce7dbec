package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.store.sizing.ModelSizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Qwen3-VL as an entry of the family registry: config, tensors (every one of the fixture's), parameter counts. */
class Qwen3VlFamilyTest {

    @Test
    void theRegistryRunsQwen3Vl() {
        assertThat(ModelFamilies.forModelType("qwen3_vl")).isSameAs(Qwen3VlFamily.INSTANCE);
        ModelConfig config = ModelFamilies.readConfig(Qwen3Fixture.dir());
        assertThat(config.hasVision()).isTrue();
        assertThat(config.vision().patchSize()).isEqualTo(16);
        assertThat(Qwen3VlFamily.config(config).vision().deepstackVisualIndexes()).containsExactly(1, 2);
    }

    @Test
    void theTensorListIsExactlyTheCheckpoint() {
        ModelConfig config = ModelFamilies.readConfig(Qwen3Fixture.dir());
        List<String> names = new ArrayList<>();
        Qwen3VlFamily.INSTANCE.languageTensors(config).forEach(t -> names.add(t.name()));
        Qwen3VlFamily.INSTANCE.visionTensors(config).forEach(t -> names.add(t.name()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(Weights.open(Qwen3Fixture.dir()).names());
        long total = 0;
        for (TensorShape t : Qwen3VlFamily.INSTANCE.languageTensors(config)) total += t.numel();
        for (TensorShape t : Qwen3VlFamily.INSTANCE.visionTensors(config)) total += t.numel();
        assertThat(Qwen3VlFamily.INSTANCE.parameterCounts(config).total()).isEqualTo(total);
        assertThat(ModelSizer.weights(Qwen3Fixture.dir(), config).parameters()).isEqualTo(total);
    }

    @Test
    void sizingUsesTheExplicitHeadDimAndThirtyTwoPixelTokens() {
        ModelConfig config = ModelFamilies.readConfig(Qwen3Fixture.dir());
        // 2 (k, v) x 3 layers x 2 kv heads x head_dim 40 (not hidden / heads = 32) x 2 bytes
        assertThat(ModelSizer.kvCacheBytes(config.text(), 1, 2)).isEqualTo(960L);
        // 4 s of 64x64 at 4 fps sampled at 2 fps: 8 frames, each raised to VIDEO_MIN_TOKEN_NUM 128 x 32^2 pixels
        // (smart_resize with factor 32 gives 384x384), so 4 temporal patches of 24 x 24 16-pixel patches.
        ModelSizer.VisionLoad load = ModelSizer.videoLoad(config, 2.0, 4.0, 64, 64, 4.0, 4);
        assertThat(load.frames()).isEqualTo(8);
        assertThat(load.height()).isEqualTo(384);
        assertThat(load.width()).isEqualTo(384);
        assertThat(load.patches()).isEqualTo(4L * 24 * 24);
        assertThat(load.tokens()).isEqualTo(4L * 12 * 12);
    }
}
