package dev.framewise.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeightsTest {

    @Test
    void opensTheFixtureAndChecksShapes() {
        Weights w = Weights.open(TinyModel.dir());
        assertThat(w.require("model.embed_tokens.weight", 2048, 128).info().dtype())
                .isEqualTo(SafetensorsFile.DType.BF16);
        assertThat(w.contains("visual.patch_embed.proj.weight")).isTrue();
        float[] norm = w.require("model.norm.weight", 128).file().readFloats("model.norm.weight");
        assertThat(norm).hasSize(128);
        assertThat(norm).matches(a -> Arrays.stream(box(a)).allMatch(Float::isFinite));
    }

    @Test
    void truncatedFileNamesFileAndTensor(@TempDir Path dir) throws IOException {
        TinyModel.copyTo(dir);
        Path file = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1000));
        assertThatThrownBy(() -> Weights.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.safetensors is truncated").hasMessageContaining("tensor '");
    }

    @Test
    void badHeaderIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.safetensors");
        byte[] json = "{not json".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Files.write(file, b.array());
        assertThatThrownBy(() -> Weights.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not a valid safetensors file").hasMessageContaining("header");

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, 1, 2});
        assertThatThrownBy(() -> Weights.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("header length");
    }

    @Test
    void missingTensorAndWrongShapeAreNamed() {
        Weights w = Weights.open(TinyModel.dir());
        assertThatThrownBy(() -> w.require("model.layers.7.mlp.up_proj.weight", 160, 128))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("model.layers.7.mlp.up_proj.weight");
        assertThatThrownBy(() -> w.require("model.norm.weight", 256))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("model.safetensors")
                .hasMessageContaining("model.norm.weight").hasMessageContaining("[128]");
    }

    @Test
    void shardedNewLayoutIsNormalised(@TempDir Path dir) throws IOException {
        SafetensorsWriter.Filler counting = (spec, out) -> {
            for (int i = 0; out.remaining() >= 4; i++) out.putFloat(i + 1);
        };
        SafetensorsWriter.write(dir.resolve("a.safetensors"), List.of(new SafetensorsWriter.Spec(
                "model.language_model.norm.weight", SafetensorsFile.DType.F32, new long[] {2})), counting);
        SafetensorsWriter.write(dir.resolve("b.safetensors"), List.of(new SafetensorsWriter.Spec(
                "model.visual.merger.ln_q.weight", SafetensorsFile.DType.F32, new long[] {1})), counting);
        Files.writeString(dir.resolve("model.safetensors.index.json"), """
                {"metadata": {}, "weight_map": {"model.language_model.norm.weight": "a.safetensors",
                 "model.visual.merger.ln_q.weight": "b.safetensors"}}
                """);
        Weights w = Weights.open(dir);
        assertThat(w.names()).containsExactlyInAnyOrder("model.norm.weight", "visual.merger.ln_q.weight");
        assertThat(w.require("model.norm.weight", 2).file().readFloats("model.language_model.norm.weight"))
                .containsExactly(1f, 2f);
    }

    private static Float[] box(float[] a) {
        Float[] out = new Float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }
}
