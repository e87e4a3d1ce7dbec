package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.store.ModelSizer;
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
}
