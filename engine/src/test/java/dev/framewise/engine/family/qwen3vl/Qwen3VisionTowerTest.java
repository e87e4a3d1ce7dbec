package dev.framewise.engine.family.qwen3vl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TestDevice;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.PixelValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.framewise.engine.family.qwen3vl.Qwen3Fixture.assertClose;
import static dev.framewise.engine.family.qwen3vl.Qwen3Fixture.floats;
import static org.assertj.core.api.Assertions.assertThat;

/** The Qwen3-VL vision tower against the fixture's golden stages, fed the golden pixel values (fp32). */
class Qwen3VisionTowerTest {
    private static final double TOLERANCE = 2e-5;
    private static TensorProgram program;
    private static Qwen3VisionTower tower;

    @BeforeAll
    static void load() {
        program = Qwen3VlFamily.INSTANCE.loadProgram();
        Qwen3VlConfig config = Qwen3VlConfig.read(Qwen3Fixture.dir());
        tower = Qwen3VisionTower.load(program, config.vision(), Weights.open(Qwen3Fixture.dir()), Precision.FP32,
                TestDevice.device());
    }

    @AfterAll
    static void close() {
        tower.close();
        program.close();
    }

    static PixelValues goldenPixels(JsonNode c) {
        JsonNode pv = c.has("pixel_values") ? c.get("pixel_values") : c.get("pixel_values_videos");
        JsonNode grids = c.has("image_grid_thw") ? c.get("image_grid_thw") : c.get("video_grid_thw");
        List<GridThw> list = new ArrayList<>();
        for (JsonNode g : grids) list.add(new GridThw(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt()));
        return new PixelValues(floats(pv), pv.get("shape").get(1).asInt(), list);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void everyStageMatchesUpstream(String id) {
        JsonNode c = Qwen3Fixture.named(id);
        JsonNode vision = c.get("vision");
        PixelValues pixels = goldenPixels(c);
        Qwen3PositionGrid grid = Qwen3PositionGrid.of(pixels.grids(), 8, 2);
        assertThat(grid.cuSeqlens()).containsExactly(Qwen3Fixture.ints(vision.get("cu_seqlens")));

        float[][] embeddings = tower.embeddings(pixels);
        assertClose(embeddings[0], floats(vision.get("pos_embed")), TOLERANCE, id + " pos_embed");
        assertClose(embeddings[1], floats(vision.get("patch_embed")), TOLERANCE, id + " patch_embed");

        Qwen3VisionTower.Output out = tower.encode(pixels);
        assertThat(out.deepstack()).hasSize(vision.get("deepstack").size());
        for (int k = 0; k < out.deepstack().size(); k++) {
            assertClose(out.deepstack().get(k), floats(vision.get("deepstack").get(k)), TOLERANCE, id + " deepstack" + k);
        }
        assertClose(out.embeddings(), floats(vision.get("embeds")), TOLERANCE, id + " embeds");
    }

    /** A video encoded a few temporal slices at a time gives the golden outputs of the whole, with progress per group. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aVideoEncodedInGroupsOfSlicesMatchesUpstream(int slicesPerCall) {
        JsonNode c = Qwen3Fixture.named("d_video");
        JsonNode vision = c.get("vision");
        PixelValues pixels = goldenPixels(c);
        assertThat(pixels.grids().get(0).t()).isEqualTo(4);
        List<String> progress = new ArrayList<>();
        Qwen3VisionTower.Output out = tower.encode(pixels, slicesPerCall, (done, total) -> progress.add(done + "/" + total));
        assertThat(progress).containsExactlyElementsOf(slicesPerCall == 1 ? List.of("1/4", "2/4", "3/4", "4/4")
                : List.of("3/4", "4/4"));
        for (int k = 0; k < out.deepstack().size(); k++) {
            assertClose(out.deepstack().get(k), floats(vision.get("deepstack").get(k)), TOLERANCE, "deepstack" + k);
        }
        assertClose(out.embeddings(), floats(vision.get("embeds")), TOLERANCE, "embeds");
    }
}
