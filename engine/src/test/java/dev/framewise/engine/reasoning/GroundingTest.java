package dev.framewise.engine.reasoning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundingTest {
    @Test
    void boxesAndPointsInAFencedJsonAnswer() {
        String answer = "Here they are:\n```json\n[\n\t{\"bbox_2d\": [135, 114, 1016, 672], \"label\": \"cup {red}\"},\n"
                + "\t{\"point_2d\": [40.5, 22], \"label\": \"handle\"},\n\t{\"bbox_2d\": [1, 2, 3], \"label\": \"bad\"},\n]\n```";
        List<Grounding> found = Grounding.find(answer);
        assertThat(found).hasSize(2);
        Grounding cup = found.get(0);
        assertThat(cup.kind()).isEqualTo(Grounding.Kind.BOX);
        assertThat(cup.label()).isEqualTo("cup {red}");
        assertThat(cup.coordinates()).containsExactly(135, 114, 1016, 672);
        assertThat(answer.substring(cup.start(), cup.end()))
                .isEqualTo("{\"bbox_2d\": [135, 114, 1016, 672], \"label\": \"cup {red}\"}");
        Grounding handle = found.get(1);
        assertThat(handle.kind()).isEqualTo(Grounding.Kind.POINT);
        assertThat(handle.coordinates()).containsExactly(40.5, 22.0);
        assertThat(handle.scaled(2, 0.5).coordinates()).containsExactly(81.0, 11.0);
        assertThat(cup.scaled(0.5, 2).coordinates()).containsExactly(67.5, 228, 508, 1344);
    }

    @Test
    void proseWithBracesIsNotGrounding() {
        assertThat(Grounding.find("a set {1, 2} and {\"x\": 1} and an unclosed {\"bbox_2d\": [1,2,3,4]")).isEmpty();
        assertThat(Grounding.find("{'bbox_2d': [1, 2, 3, 4]}")).hasSize(1).first()
                .satisfies(g -> assertThat(g.label()).isNull());
    }

    @Test
    void qwen3NormalisedBoxesMapToAnyPictureAndQwen25PixelsScaleFromTheModelsInput() {
        Grounding box = Grounding.find("[{\"bbox_2d\": [100, 200, 500, 1000], \"label\": \"car\"}]").get(0);
        // Qwen3-VL: 0..1000 of the picture, whatever size the model saw it at
        assertThat(box.onPicture(CoordinateSpace.NORMALIZED_1000, 320, 224, 640, 480).coordinates())
                .containsExactly(64, 96, 320, 480);
        // Qwen2.5-VL: pixels of its 320 x 240 input, drawn on the 640 x 480 original
        assertThat(box.onPicture(CoordinateSpace.RESIZED_PIXELS, 320, 240, 640, 480).coordinates())
                .containsExactly(200, 400, 1000, 2000);
        assertThat(CoordinateSpace.ofModelType("qwen3_vl")).isEqualTo(CoordinateSpace.NORMALIZED_1000);
        assertThat(CoordinateSpace.ofModelType("qwen2_5_vl")).isEqualTo(CoordinateSpace.RESIZED_PIXELS);
    }

    @Test
    void box2dIsReadAsABoxInTheSameOrder() {
        Grounding box = Grounding.find("{\"box_2d\": [10, 20, 30, 40], \"label\": \"sign\"}").get(0);
        assertThat(box.kind()).isEqualTo(Grounding.Kind.BOX);
        assertThat(box.coordinates()).containsExactly(10, 20, 30, 40);
    }

    @Test
    void trajectoryPointsInARowBecomeOnePolylineOtherPointsStayPoints() {
        // prompts/robot_cot.yaml: 'Return the trajectory coordinates in JSON format like this:
        // {"point_2d": [x, y], "label": "gripper trajectory"}'
        String answer = "```json\n[{\"point_2d\": [100, 200], \"label\": \"gripper trajectory\"},\n"
                + " {\"point_2d\": [150, 260], \"label\": \"gripper trajectory\"},\n"
                + " {\"point_2d\": [210, 300], \"label\": \"gripper trajectory\"}]\n```\n"
                + "People: [{\"point_2d\": [1, 2], \"label\": \"person\"}, {\"point_2d\": [3, 4], \"label\": \"person\"}]";
        List<Grounding> found = Grounding.find(answer);
        assertThat(found).extracting(Grounding::kind)
                .containsExactly(Grounding.Kind.TRAJECTORY, Grounding.Kind.POINT, Grounding.Kind.POINT);
        Grounding path = found.get(0);
        assertThat(path.label()).isEqualTo("gripper trajectory");
        assertThat(path.coordinates()).containsExactly(100, 200, 150, 260, 210, 300);
        assertThat(answer.substring(path.start(), path.end())).startsWith("{\"point_2d\": [100").endsWith("trajectory\"}");
        assertThat(path.onPicture(CoordinateSpace.NORMALIZED_1000, 1, 1, 1000, 500).coordinates())
                .containsExactly(100, 100, 150, 130, 210, 150);
    }

    @Test
    void aPointListInOneObjectIsATrajectory() {
        Grounding path = Grounding.find("{\"point_2d\": [[0, 0], [500, 250], [1000, 1000]], \"label\": \"path\"}").get(0);
        assertThat(path.kind()).isEqualTo(Grounding.Kind.TRAJECTORY);
        assertThat(path.coordinates()).containsExactly(0, 0, 500, 250, 1000, 1000);
    }
}
