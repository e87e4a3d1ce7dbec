package dev.framewise.engine.estimate;

import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.model.AttentionKernelRate;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Locale;

/**
 * Not a test: prints the prefill attention's FLOP rate by cache length for a shape's heads (no weights needed), the
 * curve the cost preview's calibration samples at two lengths (docs/performance.md, "Cost preview"). Runs only with
 * {@code -Dframewise.measureAttention=true}; the shape is {@code -Dframewise.shape} (default qwen2.5-0.5b), the
 * queries per call {@code -Dframewise.queries} (default 128).
 */
@EnabledIfSystemProperty(named = "framewise.measureAttention", matches = "true")
class AttentionRateMeasurement {

    @Test
    void measure() {
        TextConfig t = SyntheticCheckpoint.preset(System.getProperty("framewise.shape", "qwen2.5-0.5b"));
        int queries = Integer.getInteger("framewise.queries", 128);
        ModelFamily family = ModelFamilies.forModelType("qwen2_5_vl");
        TorchThread.run(() -> {
            try (TensorProgram program = family.loadProgram()) {
                for (int keys : new int[] {2048, 2048, 4096, 8192, 12288, 16384}) {
                    double rate = AttentionKernelRate.measure(program, t, Precision.BF16, ComputeDevice.CPU, queries,
                            keys, 3);
                    System.out.printf(Locale.ROOT, "attention %d queries over %,d keys: %.1f GFLOP/s%n", queries,
                            keys, rate / 1e9);
                }
            }
        });
    }
}
