package dev.framewise.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.bench.SyntheticVisionTower;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.PixelValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vision tower against the fixture's golden patch embeddings and vision embeddings, fed golden pixel values. */
class VisionEncoderTest {
    private static TensorProgram program;
    private static VisionEncoder encoder;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
        encoder = VisionEncoder.load(program, ModelFamilies.readConfig(TinyModel.dir()).vision(), Weights.open(TinyModel.dir()),
                Precision.FP32, TestDevice.device());
    }

    @AfterAll
    static void close() {
        encoder.close();
        program.close();
    }

    /** The processor output the golden values were computed from, as one batch (all images, or the video). */
    static PixelValues goldenPixels(JsonNode c) {
        boolean video = c.has("pixel_values_videos");
        JsonNode pv = c.get(video ? "pixel_values_videos" : "pixel_values");
        List<GridThw> grids = new ArrayList<>();
        for (JsonNode g : c.get(video ? "video_grid_thw" : "image_grid_thw")) {
            grids.add(new GridThw(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt()));
        }
        return new PixelValues(golden(pv), 1176, grids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void patchEmbeddingMatchesGolden(String id) {
        JsonNode c = GoldenCase.named(id).json();
        assertWithinTolerance(encoder.patchEmbed(goldenPixels(c)), golden(c.get("vision").get("patch_embed")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void visionEmbeddingsMatchGolden(String id) {
        JsonNode c = GoldenCase.named(id).json();
        try (TorchValue embeds = encoder.encode(goldenPixels(c))) {
            assertWithinTolerance(encoder.toHostFloats(embeds), golden(c.get("vision").get("embeds")));
        }
    }

    @Test
    void aVideoFarTooLargeIsRefusedBeforeEncoding() {
        // 768 frames at 1932 x 1092 on the 7B tower, 16 GiB free: refused with what to change
        ModelConfig.VisionConfig big = SyntheticVisionTower.preset("qwen2.5-vl-7b-vision");
        List<GridThw> video = List.of(new GridThw(384, 78, 138));
        assertThatThrownBy(() -> VisionEncoder.checkFits(video, big, 2, 16L << 30, ComputeDevice.CUDA))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("4133376 vision patches").hasMessageContaining("lower --max-pixels, --fps or --nframes");
        // a 448 x 448 image fits easily; unknown free memory (0) never refuses
        VisionEncoder.checkFits(List.of(new GridThw(1, 32, 32)), big, 2, 16L << 30, ComputeDevice.CUDA);
        VisionEncoder.checkFits(video, big, 2, 0, ComputeDevice.CPU);
    }

    /** The README's tolerance: max abs diff ≤ 1e-4 · max abs value. */
    static void assertWithinTolerance(float[] actual, float[] golden) {
        assertThat(actual).hasSameSizeAs(golden);
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < golden.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(golden[i]));
            maxDiff = Math.max(maxDiff, Math.abs(golden[i] - actual[i]));
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-4 * maxAbs);
    }

    private static float[] golden(JsonNode array) {
        return TinyModel.goldenFloats(array.get("file").asText().substring("golden/".length()));
    }
}
