package dev.framewise.sessions.record;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.sessions.model.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFingerprintTest {
    private static final String CONFIG = "{\"model_type\":\"qwen2_5_vl\",\"hidden_size\":64}";
    private static final String HEADER = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @TempDir
    Path dir;

    private static void safetensors(Path file, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.write(h);
        out.write(data);
        Files.write(file, out.toByteArray());
    }

    @Test
    void singleFileModelIsIdentifiedByConfigAndTensorHeader() throws IOException {
        Files.writeString(dir.resolve("config.json"), CONFIG);
        safetensors(dir.resolve("model.safetensors"), HEADER, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        String expected = "sha256:" + ContentHash.sha256((CONFIG + "\0" + HEADER).getBytes(StandardCharsets.UTF_8));

        ModelInfo info = ModelFingerprint.local(null, dir);

        assertThat(info.fingerprint()).isEqualTo(expected);
        assertThat(info.name()).isEqualTo(dir.getFileName().toString());
        assertThat(info.location()).isEqualTo(dir.toAbsolutePath().toString());
        safetensors(dir.resolve("model.safetensors"), HEADER, new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
        assertThat(ModelFingerprint.of(dir)).as("weights values are not hashed").isEqualTo(expected);
        Files.writeString(dir.resolve("config.json"), CONFIG.replace("64", "128"));
        assertThat(ModelFingerprint.of(dir)).isNotEqualTo(expected);
    }

    @Test
    void shardedModelUsesItsIndex() throws IOException {
        String index = "{\"weight_map\":{\"w\":\"model-00001-of-00002.safetensors\"}}";
        Files.writeString(dir.resolve("config.json"), CONFIG);
        Files.writeString(dir.resolve("model.safetensors.index.json"), index);
        assertThat(ModelFingerprint.of(dir))
                .isEqualTo("sha256:" + ContentHash.sha256((CONFIG + "\0" + index).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFolderWithoutAModelIsAClearError() {
        assertThatThrownBy(() -> ModelFingerprint.of(dir)).isInstanceOf(EngineException.class)
                .hasMessageContaining("Cannot fingerprint the model").hasMessageContaining("config.json");
    }
}
