package dev.framewise.engine.bench;

import dev.framewise.engine.family.qwen3vl.Qwen3VisionConfig;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.vision.GridThw;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** FLOPs counted from the shapes, against sums worked out by hand for small shapes. */
class FlopCountTest {

    @Test
    void prefillCountsLayerProductsCausalAttentionOverTheCacheAndOneOutputRow() {
        // hidden 4, 1 layer, 2 heads of 2, 1 key/value head, intermediate 8, vocab 10.
        TextConfig c = new TextConfig(4, 1, 2, 1, 2, 8, 10, 1e-6, 1e4, List.of(1, 0, 0), false, 64);
        // Per token 2·(4·(4+2·2) + 4·4 + 2·4·8 + 8·4) = 288; 3 queries after 2 cached attend 3+4+5 = 12 keys,
        // 2·2·4·12 = 192; the output row 2·4·10 = 80.
        assertThat(FlopCount.prefill(c, 3, 2)).isEqualTo(3 * 288 + 192 + 80);
    }

    @Test
    void prefillOfQwen05bAt2048Tokens() {
        assertThat(FlopCount.prefill(SyntheticCheckpoint.preset("qwen2.5-0.5b"), 2048, 0))
                .isCloseTo(1.646406565888e12, within(1.0));
    }

    @Test
    void qwen3TowerCountsEveryBlockAndEveryMerger() {
        // The qwen3vl-tiny fixture's tower: depth 4, hidden 64, intermediate 128, DeepStack at blocks 1 and 2.
        Qwen3VisionConfig c = new Qwen3VisionConfig(4, 64, 128, 4, 3, 128, 16, 2, 2, 64, List.of(1, 2),
                "gelu_pytorch_tanh");
        assertThat(FlopCount.qwen3Vision(c, List.of(new GridThw(1, 4, 4)))).isEqualTo(9_961_472.0);
        // Attention never crosses a temporal slice: two slices cost twice one.
        assertThat(FlopCount.qwen3Vision(c, List.of(new GridThw(2, 4, 4))))
                .isEqualTo(2 * FlopCount.qwen3Vision(c, List.of(new GridThw(1, 4, 4))));
    }

    @Test
    void qwen25TowerWithOneWindowPerImageCountsFullAttentionInEveryBlock() {
        // 8x8 patches: one 112-pixel window covers the image, so window and full attention are the same segment.
        VisionConfig c = new VisionConfig(2, 32, 64, 2, 3, 48, 14, 2, 2, 112, List.of(1), 2.0, "silu");
        assertThat(FlopCount.qwen25Vision(c, List.of(new GridThw(1, 8, 8)))).isEqualTo(9_207_808.0);
        // 16x16 patches: four times the products; the window block attends within four windows of 64 patches
        // (4·32·4·64² instead of 4 times 4·32·64²: the same), the full block over all 256 (4·32·256² instead of
        // 4 times 4·32·64²).
        double big = FlopCount.qwen25Vision(c, List.of(new GridThw(1, 16, 16)));
        assertThat(big).isEqualTo(4 * 9_207_808.0 + 4 * 32 * (256.0 * 256 - 4 * 64 * 64));
    }

    @Test
    void qwen3PresetsAreThePublishedTowers() {
        Qwen3VisionConfig two = SyntheticVisionTower.qwen3Preset("cosmos-reason2-2b-vision");
        assertThat(two).isEqualTo(SyntheticVisionTower.qwen3Preset("qwen3-vl-2b-vision"));
        assertThat(two.depth()).isEqualTo(24);
        assertThat(two.headDim()).isEqualTo(64);
        assertThat(SyntheticVisionTower.qwen3Preset("qwen3-vl-8b-vision").headDim()).isEqualTo(72);
        assertThat(SyntheticVisionTower.isQwen3("qwen3-vl-8b-vision")).isTrue();
        assertThat(SyntheticVisionTower.isQwen3("qwen2.5-vl-7b-vision")).isFalse();
    }
}
