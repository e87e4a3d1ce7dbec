package dev.framewise.engine.vision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.model.GoldenCase;
import dev.framewise.engine.model.TinyModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Vision-side readers of the qwen25vl-tiny fixture ({@link TinyModel}): cases as JSON, grids, PNG inputs. */
final class TinyFixture {
    static final Path DIR = TinyModel.dir();
    static final List<String> VISION_CASES = List.of("b_image_exact", "c_image_resize", "d_video", "e_two_images");

    private TinyFixture() {
    }

    static JsonNode testCase(String id) {
        return GoldenCase.named(id).json();
    }

    static List<String> ids() {
        List<String> ids = new ArrayList<>(List.of("a_text"));
        ids.addAll(VISION_CASES);
        return ids;
    }

    /** A golden float32 array described by {@code {"file": "golden/…", "shape": …}}. */
    static float[] golden(JsonNode array) {
        return TinyModel.goldenFloats(array.get("file").asText().substring("golden/".length()));
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) values[i] = array.get(i).asInt();
        return values;
    }

    static List<GridThw> grids(JsonNode array) {
        List<GridThw> grids = new ArrayList<>();
        if (array == null) return grids;
        for (JsonNode g : array) grids.add(new GridThw(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt()));
        return grids;
    }

    /** Loads a fixture image through the media layer, as the engine does. */
    static RgbImage png(String relative) {
        try (MediaSource source = Media.open(DIR.resolve(relative))) {
            return source.frameAt(0);
        }
    }

    static PreprocessorConfig preprocessorConfig() {
        return PreprocessorConfig.load(DIR);
    }
}
