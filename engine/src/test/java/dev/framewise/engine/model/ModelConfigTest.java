package dev.framewise.engine.model;

import dev.framewise.engine.family.ModelFamilies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {

    @Test
    void readsTheFixtureConfig() {
        ModelConfig c = ModelFamilies.readConfig(TinyModel.dir());
        assertThat(c.modelType()).isEqualTo("qwen2_5_vl");
        assertThat(c.text()).isEqualTo(new ModelConfig.TextConfig(128, 2, 4, 2, 32, 160, 2048, 1e-6, 1_000_000.0,
                List.of(4, 6, 6), false, 128000));
        assertThat(c.vision().fullAttentionBlocks()).containsExactly(1, 3);
        assertThat(c.vision().outHiddenSize()).isEqualTo(128);
        assertThat(c.imageTokenId()).isEqualTo(2012);
        assertThat(c.videoTokenId()).isEqualTo(2013);
    }

    @Test
    void readsTheNestedTextConfigLayout(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "qwen2_5_vl", "image_token_id": 5, "video_token_id": 6, "vision_start_token_id": 7,
                 "tie_word_embeddings": true,
                 "text_config": {"hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 2,
                   "num_key_value_heads": 1, "intermediate_size": 96, "vocab_size": 100, "rms_norm_eps": 1e-6,
                   "rope_theta": 10000.0, "rope_scaling": {"type": "mrope", "mrope_section": [4, 6, 6]}},
                 "vision_config": {"depth": 2, "hidden_size": 32, "intermediate_size": 48, "num_heads": 2,
                   "out_hidden_size": 64, "patch_size": 14, "spatial_merge_size": 2, "temporal_patch_size": 2,
                   "window_size": 112, "fullatt_block_indexes": [1], "tokens_per_second": 2}}
                """);
        ModelConfig c = ModelFamilies.readConfig(dir);
        assertThat(c.text().hiddenSize()).isEqualTo(64);
        assertThat(c.text().tieWordEmbeddings()).isTrue();
        assertThat(c.text().mropeSection()).containsExactly(4, 6, 6);
    }

    @Test
    void plainQwen2UsesOrdinaryRope(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "qwen2", "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "num_key_value_heads": 1, "intermediate_size": 96, "vocab_size": 100, "rms_norm_eps": 1e-6}
                """);
        ModelConfig c = ModelFamilies.readConfig(dir);
        assertThat(c.hasVision()).isFalse();
        assertThat(c.text().mropeSection()).containsExactly(16, 0, 0);
    }

    @Test
    void missingFieldIsNamedWithItsFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "qwen2", "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "vocab_size": 100, "rms_norm_eps": 1e-6}
                """);
        assertThatThrownBy(() -> ModelFamilies.readConfig(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("intermediate_size").hasMessageContaining("config.json");
    }

    @Test
    void wrongTypeIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "qwen2", "hidden_size": "big", "num_hidden_layers": 1}
                """);
        assertThatThrownBy(() -> ModelFamilies.readConfig(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'hidden_size' must be an integer");
    }

    @Test
    void missingConfigFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelFamilies.readConfig(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json is missing");
    }

    @Test
    void generationConfigHasBothEosIds() {
        GenerationConfig g = GenerationConfig.read(TinyModel.dir());
        assertThat(g.eosTokenIds()).containsExactly(2002, 2000);
        assertThat(g.doSample()).isFalse();
    }
}
