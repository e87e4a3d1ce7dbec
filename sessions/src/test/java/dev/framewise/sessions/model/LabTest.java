package dev.framewise.sessions.model;

import dev.framewise.sessions.TestSessions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabTest {

    @Test
    void aCellsVariantIsTheBaseWithItsRowAndColumnValues() {
        Lab lab = TestSessions.lab();

        LabVariant v = lab.variant(1, 0);

        assertThat(v.question()).isEqualTo("Can the robot grasp the cup now?");
        assertThat(v.seed()).isEqualTo(1L);
        assertThat(v.temperature()).isEqualTo(0.6);
        assertThat(lab.variant(0, 1).seed()).isEqualTo(2L);
        assertThat(lab.rowCount()).isEqualTo(2);
        assertThat(lab.columnCount()).isEqualTo(2);
        assertThat(Lab.heading(lab.columns(), 1)).isEqualTo("seed = 2");
        assertThat(lab.cell("media-video", 0, 1).map(LabCell::runId)).contains("run-2");
        assertThat(lab.cell("media-video", 1, 1)).isEmpty();
    }

    @Test
    void everyDimensionParsesItsValues() {
        LabVariant base = LabVariant.of("q");
        assertThat(LabDimension.SYSTEM_PROMPT.apply(base, " Be brief. ").systemPrompt()).isEqualTo("Be brief.");
        assertThat(LabDimension.SYSTEM_PROMPT.apply(base, "").systemPrompt()).isNull();
        assertThat(LabDimension.REASONING_FORMAT.apply(base, "off").reasoningFormat()).isFalse();
        assertThat(LabDimension.TOP_P.apply(base, "0.8").topP()).isEqualTo(0.8);
        assertThat(LabDimension.MAX_TOKENS.apply(base, "256").maxTokens()).isEqualTo(256);
        assertThat(LabDimension.FPS.apply(base, "2").fps()).isEqualTo(2.0);
        assertThat(LabDimension.MAX_PIXELS.apply(base, "200_704").maxPixels()).isEqualTo(200_704);
        LabVariant clip = LabDimension.CLIP.apply(base, "1.5-4");
        assertThat(clip.clipStart()).isEqualTo(1.5);
        assertThat(clip.clipEnd()).isEqualTo(4.0);
        assertThat(LabDimension.CLIP.apply(clip, "all").clipStart()).isNull();
        assertThat(LabDimension.MODEL.apply(base, "http://gpu:8000/v1 big").model()).isEqualTo("http://gpu:8000/v1 big");
        assertThat(LabDimension.MODEL.apply(base.withModel("/m"), "current").model()).isNull();
        assertThat(LabDimension.TIMESTAMP_OVERLAY.apply(base, "on").timestampOverlay()).isTrue();
        assertThat(LabDimension.TIMESTAMP_OVERLAY.apply(base, "off").timestampOverlay()).isFalse();
        assertThat(base.timestampOverlay()).isNull();
        assertThat(LabDimension.TEMPLATE.apply(base, " What happens next? ").template()).isEqualTo("What happens next?");
        assertThat(LabDimension.TEMPLATE.apply(base.withTemplate("x"), "none").template()).isNull();
        assertThatThrownBy(() -> LabDimension.TIMESTAMP_OVERLAY.apply(base, "2"))
                .hasMessage("\"2\" is not a timestamp overlay value; type on or off");
    }

    /** The fields added after schema 4's first labs are written only when set, and files without them read as unset. */
    @Test
    void evidenceOverlayAndTemplateAreWrittenOnlyWhenSet() throws Exception {
        var mapper = dev.framewise.sessions.store.SessionJson.mapper();
        LabVariant plain = LabVariant.of("q");
        LabVariant set = plain.withEvidence(true).withTimestampOverlay(false).withTemplate("What happens next?");

        assertThat(mapper.writeValueAsString(plain)).doesNotContain("evidence", "timestamp_overlay", "template");
        assertThat(mapper.writeValueAsString(set)).contains("\"evidence\":true", "\"timestamp_overlay\":false",
                "\"template\":\"What happens next?\"");
        assertThat(mapper.readValue(mapper.writeValueAsString(set), LabVariant.class)).isEqualTo(set);
        assertThat(mapper.readValue(mapper.writeValueAsString(plain), LabVariant.class)).isEqualTo(plain);
    }

    @Test
    void aBadValueIsRefusedWithWhatToType() {
        LabVariant base = LabVariant.of("q");
        assertThatThrownBy(() -> LabDimension.SEED.apply(base, "three"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("\"three\" is not a seed value; type a number");
        assertThatThrownBy(() -> LabDimension.CLIP.apply(base, "4-2"))
                .hasMessage("the clip range 4-2 is empty; the end must come after the start");
        assertThatThrownBy(() -> LabDimension.REASONING_FORMAT.apply(base, "maybe"))
                .hasMessage("\"maybe\" is not a reasoning format value; type on or off");
        assertThatThrownBy(() -> LabDimension.QUESTION.apply(base, " "))
                .hasMessage("a question of the lab is empty; type the question text");
    }

    @Test
    void distributionCountsAnswersThatDifferOnlyInCaseSpacingOrFullStop() {
        List<String> answers = List.of("Yes.", "yes", "No", " YES ", "", "The  ball hits the box.");

        assertThat(LabAnswers.distribution(answers)).containsExactly(new LabAnswers.Count("Yes.", 3),
                new LabAnswers.Count("No", 1), new LabAnswers.Count("The  ball hits the box.", 1));
        assertThat(LabAnswers.majority(answers)).isEqualTo("Yes.");
        assertThat(LabAnswers.majority(List.of("A", "B"))).isNull();
        assertThat(LabAnswers.majority(List.of())).isNull();
    }

    @Test
    void diffMarksTheWordsThatAreNotInTheReference() {
        assertThat(LabAnswers.diff("The ball hits the green box.", "The ball hits the red wall."))
                .containsExactly(new LabAnswers.Segment("The ball hits the", false),
                        new LabAnswers.Segment("red wall.", true));
        assertThat(LabAnswers.diff("The ball stops.", "The ball stops."))
                .containsExactly(new LabAnswers.Segment("The ball stops.", false));
        assertThat(LabAnswers.diff("", "Yes")).containsExactly(new LabAnswers.Segment("Yes", true));
        assertThat(LabAnswers.diff("a b c", "x b y")).containsExactly(new LabAnswers.Segment("x", true),
                new LabAnswers.Segment("b", false), new LabAnswers.Segment("y", true));
    }
}
