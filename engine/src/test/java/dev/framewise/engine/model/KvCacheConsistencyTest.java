package dev.framewise.engine.model;

import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain Qwen2 model with tied embeddings (synthetic weights): decoding the last prompt token through the KV
 * cache must give the logits of prefilling the whole prompt at once.
 */
class KvCacheConsistencyTest {

    @Test
    void decodeAfterPrefillEqualsOnePrefill(@TempDir Path dir) {
        ModelConfig.TextConfig shape = new ModelConfig.TextConfig(64, 2, 4, 2, 16, 96, 300, 1e-6, 10000.0,
                List.of(8, 0, 0), true, 1024);
        SyntheticCheckpoint.write(dir, shape, 5);
        ModelConfig config = ModelFamilies.readConfig(dir);
        assertThat(config.hasVision()).isFalse();
        assertThat(config.text()).isEqualTo(shape);
        int[] ids = {5, 17, 250, 3, 99, 42, 7, 7, 120, 64};
        try (TensorProgram program = Qwen25VlFamily.INSTANCE.loadProgram();
             LanguageModel model = LanguageModel.load(program, config.text(), Weights.open(dir), Precision.FP32,
                     TestDevice.device());
             KvCache whole = model.newCache(16); KvCache stepwise = model.newCache(16)) {
            float[] once = prefill(model, whole, ids);
            prefill(model, stepwise, java.util.Arrays.copyOf(ids, ids.length - 1));
            float[] decoded = model.decode(stepwise, ids[ids.length - 1], ids.length - 1);
            double maxAbs = IntStream.range(0, once.length).mapToDouble(i -> Math.abs(once[i])).max().orElseThrow();
            double maxDiff = IntStream.range(0, once.length).mapToDouble(i -> Math.abs(once[i] - decoded[i])).max()
                    .orElseThrow();
            assertThat(maxAbs).isPositive();
            assertThat(maxDiff).isLessThanOrEqualTo(1e-4 * maxAbs);
            assertThat(whole.length()).isEqualTo(stepwise.length()).isEqualTo(ids.length);
        }
    }

    private static float[] prefill(LanguageModel model, KvCache cache, int[] ids) {
        long[] row = IntStream.range(0, ids.length).asLongStream().toArray();
        try (TorchValue embeds = model.embed(ids)) {
            return model.prefill(cache, embeds, new long[][] {row, row, row});
        }
    }
}
