package dev.framewise.engine.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.VisionGrid;
import dev.framewise.engine.reasoning.CoordinateSpace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ask --json} says an answer locates, in the coordinates of each family and in pixels of its input. */
class ResultJsonGroundingTest {
    private static final VisionGrid PICTURE = new VisionGrid(VisionGrid.Kind.IMAGE, 1, 14, 20, 70, 448, 640);

    private static JsonNode json(String answer, CoordinateSpace space) {
        GenerationResult r = GenerationResult.builder().text("<think>\nlook\n</think>\n\n" + answer)
                .parsed("look", answer).vision(List.of(PICTURE)).build();
        return ResultJson.withGrounding(ResultJson.MAPPER.createObjectNode(), r, space);
    }

    @Test
    void aQwen3BoxAndTrajectoryInPixelsOfTheModelsInput() {
        JsonNode json = json("```json\n[{\"bbox_2d\": [250, 500, 750, 1000], \"label\": \"mug\"}]\n```\n"
                + "[{\"point_2d\": [0, 0], \"label\": \"gripper trajectory\"}, "
                + "{\"point_2d\": [500, 250], \"label\": \"gripper trajectory\"}]", CoordinateSpace.NORMALIZED_1000);
        assertThat(json.get("coordinate_space").asText()).isEqualTo("normalized_1000");
        JsonNode box = json.get("grounding").get(0);
        assertThat(box.get("kind").asText()).isEqualTo("box");
        assertThat(box.get("label").asText()).isEqualTo("mug");
        assertThat(box.get("coordinates").toString()).isEqualTo("[250.0,500.0,750.0,1000.0]");
        assertThat(box.get("pixels").toString()).isEqualTo("[160.0,224.0,480.0,448.0]"); // of 640 x 448
        JsonNode path = json.get("grounding").get(1);
        assertThat(path.get("kind").asText()).isEqualTo("trajectory");
        assertThat(path.get("pixels").toString()).isEqualTo("[0.0,0.0,320.0,112.0]");
        assertThat(json.get("segments")).isEmpty();
    }

    @Test
    void qwen25PixelsStayAsWrittenAndSegmentsAreSeconds() {
        JsonNode json = json("{\"bbox_2d\": [10, 20, 30, 40]} and "
                + "[{\"start\": \"00:01.50\", \"end\": \"00:03.00\", \"caption\": \"the cup tips\"}]",
                CoordinateSpace.RESIZED_PIXELS);
        assertThat(json.get("grounding").get(0).get("pixels").toString()).isEqualTo("[10.0,20.0,30.0,40.0]");
        JsonNode segment = json.get("segments").get(0);
        assertThat(segment.get("start_s").asDouble()).isEqualTo(1.5);
        assertThat(segment.get("end_s").asDouble()).isEqualTo(3.0);
        assertThat(segment.get("caption").asText()).isEqualTo("the cup tips");
    }
}
