package dev.framewise.engine.vision;

import dev.framewise.engine.api.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreprocessorConfigTest {

    @Test
    void readsTheFixturesSettings() {
        PreprocessorConfig c = TinyFixture.preprocessorConfig();
        assertThat(c.minPixels()).isEqualTo(3136);
        assertThat(c.maxPixels()).isEqualTo(12845056);
        assertThat(c.factor()).isEqualTo(28);
        assertThat(c.patchDim()).isEqualTo(1176);
        assertThat(c.imageMean()).containsExactly(0.48145466f, 0.4578275f, 0.40821073f);
    }

    @Test
    void newerTransformersWriteTheBoundsAsSize(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(PreprocessorConfig.FILE_NAME), """
                {"size": {"shortest_edge": 3136, "longest_edge": 1003520}, "patch_size": 14, "temporal_patch_size": 2,
                 "merge_size": 2, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}""");
        PreprocessorConfig c = PreprocessorConfig.load(dir);
        assertThat(c.minPixels()).isEqualTo(3136);
        assertThat(c.maxPixels()).isEqualTo(1003520);
    }

    @Test
    void missingOrBrokenFilesNameTheFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> PreprocessorConfig.load(dir)).isInstanceOf(EngineException.class)
                .hasMessageContaining("preprocessor_config.json is missing");
        Files.writeString(dir.resolve(PreprocessorConfig.FILE_NAME), "{\"image_mean\": [0.5]}");
        assertThatThrownBy(() -> PreprocessorConfig.load(dir)).isInstanceOf(EngineException.class)
                .hasMessageContaining("preprocessor_config.json cannot be read")
                .hasMessageContaining("one value per RGB channel");
    }

    @Test
    void fetchImageTargetsFollowQwenVlUtils() {
        // c_image: 90 x 50 rounds to 84 x 56
        assertThat(MediaResize.targetSize(50, 90, null, null, null, null)).containsExactly(56, 84);
        // explicit resized_height / resized_width are themselves smart-resized
        assertThat(MediaResize.targetSize(50, 90, null, null, 100, 200)).containsExactly(112, 196);
        // a tight max_pixels shrinks the image
        assertThat(MediaResize.targetSize(560, 840, null, 28 * 28 * 20, null, null)).containsExactly(84, 140);
    }
}
