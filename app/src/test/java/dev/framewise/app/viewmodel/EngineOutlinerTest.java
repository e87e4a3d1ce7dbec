package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.reasoning.CoordinateSpace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineOutlinerTest {
    private final EngineOutliner outliner = new EngineOutliner();

    private static String slice(String text, ReasoningOutline.Span span) {
        return text.substring(span.start(), span.end());
    }

    @Test
    void stepsAnswerAndReferencesAreSpansOfTheRawText() {
        String text = "<think>\n1. The cup is at the edge at 2.5 s.\n2. In frame 3 it tips over.\n</think>\n<answer>\nIt falls at 00:03.\n</answer>";
        List<FrameRef> frames = List.of(new FrameRef(0, 0), new FrameRef(25, 1.0), new FrameRef(50, 2.0), new FrameRef(75, 3.0));

        ReasoningOutline outline = outliner.outline(text, frames);

        assertThat(outline.steps()).hasSize(2);
        assertThat(slice(text, outline.steps().get(0))).isEqualTo("The cup is at the edge at 2.5 s.");
        assertThat(slice(text, outline.steps().get(1))).isEqualTo("In frame 3 it tips over.");
        assertThat(slice(text, outline.answer())).isEqualTo("It falls at 00:03.");
        assertThat(outline.references()).extracting(ReasoningOutline.Reference::seconds).containsExactly(2.5, 2.0, 3.0);
        assertThat(outline.references()).allSatisfy(r -> assertThat(text.substring(r.start(), r.end())).isEqualTo(r.text()));
    }

    @Test
    void unfinishedStreamHasStepsButNoAnswerYet() {
        ReasoningOutline outline = outliner.outline("<think>\nThe ball rolls", List.of());
        assertThat(outline.steps()).hasSize(1);
        assertThat(outline.answer()).isNull();
    }

    @Test
    void groundingJsonBecomesBoxesAndPoints() {
        String text = "<answer>```json\n[{\"bbox_2d\": [10, 20, 110, 220], \"label\": \"cup\"}, {\"point_2d\": [5, 6], \"label\": \"tip\"}]\n```</answer>";
        ReasoningOutline outline = outliner.outline(text, List.of());
        assertThat(outline.boxes()).containsExactly(
                new GroundingBox(10, 20, 110, 220, "cup"), new GroundingBox(5, 6, 5, 6, "tip"));
        assertThat(outline.groundingJson()).hasSize(1);
        assertThat(slice(text, outline.groundingJson().get(0))).startsWith("```json\n[{").endsWith("}]\n```");
    }

    @Test
    void aTrajectoryIsOnePathAndATemporalSegmentOneSpan() {
        String text = "<think>\nThe gripper moves right.\n</think>\n\n```json\n"
                + "[{\"point_2d\": [100, 200], \"label\": \"gripper trajectory\"}, "
                + "{\"point_2d\": [300, 400], \"label\": \"gripper trajectory\"}]\n```\n"
                + "[{\"start\": \"00:01.50\", \"end\": \"00:03.00\", \"caption\": \"it grasps the cup\"}]";
        ReasoningOutline outline = outliner.outline(text, List.of(new FrameRef(0, 0), new FrameRef(30, 1.0)));
        assertThat(outline.boxes()).containsExactly(
                new GroundingBox(100, 200, 300, 400, "gripper trajectory", List.of(100.0, 200.0, 300.0, 400.0)));
        // one span from 1.5 s to 3 s: the times inside the JSON are not also marked as moments
        assertThat(outline.references()).hasSize(1);
        ReasoningOutline.Reference segment = outline.references().get(0);
        assertThat(segment.seconds()).isEqualTo(1.5);
        assertThat(segment.endSeconds()).isEqualTo(3.0);
        assertThat(segment.isRange()).isTrue();
        assertThat(text.substring(segment.start(), segment.end())).isEqualTo(segment.text()).startsWith("{\"start\"");
        assertThat(outline.groundingJson()).hasSize(2);
    }

    @Test
    void qwen3CoordinatesArePlacedByTheirShareOfThePictureQwen25ByTheModelsInput() {
        List<GroundingBox> written = List.of(new GroundingBox(250, 500, 750, 1000, "mug"),
                GroundingBox.trajectory(new double[] {0, 0, 500, 250}, "path"));
        assertThat(WorkbenchViewModel.placeOnMedia(written, CoordinateSpace.NORMALIZED_1000, null, 1920, 1080))
                .containsExactly(new GroundingBox(480, 540, 1440, 1080, "mug"),
                        new GroundingBox(0, 0, 960, 270, "path", List.of(0.0, 0.0, 960.0, 270.0)));
        assertThat(WorkbenchViewModel.placeOnMedia(written.subList(0, 1), CoordinateSpace.RESIZED_PIXELS,
                new int[] {1000, 1000}, 2000, 500)).containsExactly(new GroundingBox(500, 250, 1500, 500, "mug"));
        assertThat(WorkbenchViewModel.placeOnMedia(written, CoordinateSpace.RESIZED_PIXELS, null, 1920, 1080)).isEmpty();
    }
}
