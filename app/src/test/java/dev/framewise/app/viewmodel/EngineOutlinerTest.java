package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.FrameRef;
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
}
