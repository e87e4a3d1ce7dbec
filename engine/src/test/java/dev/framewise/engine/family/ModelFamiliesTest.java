package dev.framewise.engine.family;

import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelFormatException;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFamiliesTest {

    @Test
    void qwen25VlRunsBothItsModelTypes() {
        assertThat(ModelFamilies.forModelType("qwen2_5_vl")).isSameAs(Qwen25VlFamily.INSTANCE);
        assertThat(ModelFamilies.forModelType("qwen2")).isSameAs(Qwen25VlFamily.INSTANCE);
        assertThat(ModelFamilies.supportedModelTypes()).contains("qwen2_5_vl", "qwen2").doesNotHaveDuplicates();
    }

    @Test
    void anUnknownModelTypeIsNamedWithTheSupportedFamilies(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llava\"}");
        assertThatThrownBy(() -> ModelFamilies.readConfig(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessage("model_type 'llava' is not supported: Framewise runs Qwen2.5-VL (qwen2_5_vl, qwen2); "
                        + "Qwen3-VL (qwen3_vl)");
    }

    @Test
    void parameterCountsAreTheSumsOfTheTensorShapes() {
        ModelConfig config = ModelFamilies.readConfig(TinyModel.dir());
        ParameterCounts counts = Qwen25VlFamily.INSTANCE.parameterCounts(config);
        // The fixture's safetensors hold exactly these tensors (lm_head untied), so their element counts agree.
        assertThat(counts.total()).isEqualTo(dev.framewise.engine.store.sizing.ModelSizer
                .weights(TinyModel.dir(), config).parameters());
        assertThat(counts.vision()).isPositive();
    }

    @Test
    void aTextOnlyModelHasNoVisionTensors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "qwen2", "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "intermediate_size": 128, "vocab_size": 100, "rms_norm_eps": 1e-6, "tie_word_embeddings": true}
                """);
        ModelConfig config = ModelFamilies.readConfig(dir);
        assertThat(Qwen25VlFamily.INSTANCE.visionTensors(config)).isEmpty();
        // embedding 100x64, final norm, one layer (norms, q/k/v with bias, o, gate/up/down); lm_head tied
        long layer = 2 * 64 + (64 * 64 + 64) * 3 + 64 * 64 + 3 * 64 * 128;
        assertThat(Qwen25VlFamily.INSTANCE.parameterCounts(config).language()).isEqualTo(100 * 64 + 64 + layer);
    }
}
