package dev.framewise.app.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFolderCheckTest {
    @TempDir
    Path dir;

    @Test
    void eachMissingPieceIsNamed() throws Exception {
        assertThat(EngineViewModel.problemWith(dir.resolve("nope"))).startsWith("this is not a folder");
        assertThat(EngineViewModel.problemWith(dir)).isEqualTo("the folder has no config.json; choose a Hugging Face Qwen2.5-VL model folder");
        Files.writeString(dir.resolve("config.json"), "{}");
        assertThat(EngineViewModel.problemWith(dir)).isEqualTo("the folder has no tokenizer.json; choose a Hugging Face Qwen2.5-VL model folder");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertThat(EngineViewModel.problemWith(dir)).isEqualTo("the folder has no .safetensors weights; download the model's weights into it");
        Files.write(dir.resolve("model.safetensors"), new byte[16]);
        assertThat(EngineViewModel.problemWith(dir)).isNull();
        assertThat(EngineViewModel.memoryWarning(dir)).isNull();
    }
}
