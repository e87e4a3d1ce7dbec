package dev.framewise.engine.reasoning;

import dev.framewise.engine.api.ReasoningStep;
import dev.framewise.engine.api.ReasoningSteps;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReasoningParserTest {
    private static final String COSMOS = "<think>\nThe cup is on the table.\n1. The gripper is open.\n2. Nothing blocks it."
            + "\n\nSo the grasp is safe.\n</think>\n\n<answer>\nYes, it is safe.\n</answer>";

    /** Streams the text in pieces of a given size and returns the parser and all segments it produced. */
    private static List<ReasoningSegment> stream(ReasoningParser parser, String text, int pieceSize) {
        List<ReasoningSegment> segments = new ArrayList<>();
        for (int i = 0; i < text.length(); i += pieceSize) {
            segments.addAll(parser.accept(text.substring(i, Math.min(text.length(), i + pieceSize))));
        }
        segments.addAll(parser.finish());
        return segments;
    }

    private static String joined(List<ReasoningSegment> segments, ReasoningSection section) {
        StringBuilder out = new StringBuilder();
        segments.stream().filter(s -> s.section() == section).forEach(s -> out.append(s.text()));
        return out.toString();
    }

    @Test
    void cosmosResponseSplitsTheSameForEveryPieceSize() {
        for (int size = 1; size <= COSMOS.length(); size++) {
            ReasoningParser parser = new ReasoningParser();
            List<ReasoningSegment> segments = stream(parser, COSMOS, size);
            assertThat(parser.reasoning()).as("piece size %d", size).isEqualTo(
                    "The cup is on the table.\n1. The gripper is open.\n2. Nothing blocks it.\n\nSo the grasp is safe.");
            assertThat(parser.answer()).as("piece size %d", size).isEqualTo("Yes, it is safe.");
            assertThat(joined(segments, ReasoningSection.REASONING).strip()).isEqualTo(parser.reasoning());
            assertThat(joined(segments, ReasoningSection.ANSWER).strip()).isEqualTo(parser.answer());
            assertThat(joined(segments, ReasoningSection.OUTSIDE)).isEqualTo("\n\n");
            assertThat(segments).noneMatch(s -> s.text().contains("<think>") || s.text().contains("answer>"));
        }
    }

    @Test
    void sectionFollowsTheStream() {
        ReasoningParser parser = new ReasoningParser();
        assertThat(parser.section()).isEqualTo(ReasoningSection.OUTSIDE);
        parser.accept("<thi");
        assertThat(parser.section()).isEqualTo(ReasoningSection.OUTSIDE);
        assertThat(parser.accept("nk>Hmm")).containsExactly(new ReasoningSegment(ReasoningSection.REASONING, "Hmm"));
        assertThat(parser.section()).isEqualTo(ReasoningSection.REASONING);
        assertThat(parser.accept(" ok</th")).containsExactly(new ReasoningSegment(ReasoningSection.REASONING, " ok"));
        assertThat(parser.accept("ink><ans")).isEmpty();
        assertThat(parser.section()).isEqualTo(ReasoningSection.OUTSIDE);
        parser.accept("wer>Y");
        assertThat(parser.section()).isEqualTo(ReasoningSection.ANSWER);
        assertThat(parser.reasoning()).isEqualTo("Hmm ok");
        assertThat(parser.answer()).isEqualTo("Y");
    }

    @Test
    void noTagsMeansEverythingIsTheAnswer() {
        ParsedResponse r = ReasoningParser.parse("The robot can grasp the cup.");
        assertThat(r.reasoning()).isEmpty();
        assertThat(r.answer()).isEqualTo("The robot can grasp the cup.");
        assertThat(r.answerTagged()).isFalse();
        assertThat(r.reasoningClosed()).isTrue();
        assertThat(r.steps()).isEmpty();
    }

    @Test
    void unclosedThinkIsAllReasoning() {
        ReasoningParser parser = new ReasoningParser();
        stream(parser, "<think>\nStill thinking about a < b and <b>bold</b>", 3);
        ParsedResponse r = parser.result();
        assertThat(r.reasoning()).isEqualTo("Still thinking about a < b and <b>bold</b>");
        assertThat(r.answer()).isEmpty();
        assertThat(r.reasoningClosed()).isFalse();
        assertThat(parser.section()).isEqualTo(ReasoningSection.REASONING);
    }

    @Test
    void missingAnswerTagTakesTheTextAfterThink() {
        ParsedResponse r = ReasoningParser.parse("<think>because</think>\n\nIt is safe.");
        assertThat(r.reasoning()).isEqualTo("because");
        assertThat(r.answer()).isEqualTo("It is safe.");
        assertThat(r.answerTagged()).isFalse();
    }

    @Test
    void missingOpeningThinkMovesEarlierTextToReasoning() {
        ParsedResponse r = ReasoningParser.parse("first I look\n</think>\n<answer>B</answer>");
        assertThat(r.reasoning()).isEqualTo("first I look");
        assertThat(r.answer()).isEqualTo("B");
    }

    @Test
    void answerInsideUnclosedThinkEndsTheReasoning() {
        ParsedResponse r = ReasoningParser.parse("<think>looked twice<answer>(C) the box");
        assertThat(r.reasoning()).isEqualTo("looked twice");
        assertThat(r.answer()).isEqualTo("(C) the box");
        assertThat(r.answerTagged()).isTrue();
    }

    @Test
    void partialTagAtTheEndIsTextAfterAll() {
        ReasoningParser parser = new ReasoningParser();
        assertThat(parser.accept("x <ans")).containsExactly(new ReasoningSegment(ReasoningSection.OUTSIDE, "x "));
        assertThat(parser.finish()).containsExactly(new ReasoningSegment(ReasoningSection.OUTSIDE, "<ans"));
        assertThat(parser.answer()).isEqualTo("x <ans");
    }

    @Test
    void strayTagsInsideTheAnswerStayText() {
        ParsedResponse r = ReasoningParser.parse("<think>a</think><answer>use <think> tags</answer> trailing");
        assertThat(r.answer()).isEqualTo("use <think> tags");
    }

    @Test
    void reasoningIsSplitIntoStepsWithSpans() {
        String reasoning = "Look at the scene.\nThe cup is red.\n\n1. The gripper is open.\n2) It is close.\n"
                + "   still item two\nStep 3: grasp.\n- a bullet\n\nFinally, it is safe.";
        List<ReasoningStep> steps = ReasoningSteps.of(reasoning);
        assertThat(steps).extracting(ReasoningStep::text).containsExactly(
                "Look at the scene.\nThe cup is red.", "1. The gripper is open.", "2) It is close.\n   still item two",
                "Step 3: grasp.", "- a bullet", "Finally, it is safe.");
        for (ReasoningStep step : steps) {
            assertThat(reasoning.substring(step.start(), step.end())).isEqualTo(step.text());
        }
        assertThat(steps).extracting(ReasoningStep::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(ReasoningParser.parse(COSMOS).steps()).hasSize(4);
    }

    @Test
    void reportsWhereReasoningAndAnswerStartInTheText() {
        String text = "<think>\n  1. The cup is empty.\n2. The arm is near.\n</think>\n\n<answer>\nYes, grasp it.\n</answer>";
        ParsedResponse whole = ReasoningParser.parse(text);
        assertThat(whole.reasoningStart()).isEqualTo(text.indexOf("1. The cup"));
        assertThat(whole.answerStart()).isEqualTo(text.indexOf("Yes, grasp"));
        assertThat(text.substring(whole.reasoningStart()).startsWith(whole.reasoning())).isTrue();
        assertThat(text.substring(whole.answerStart()).startsWith(whole.answer())).isTrue();
        for (ReasoningStep step : whole.steps()) {
            assertThat(text.substring(whole.reasoningStart() + step.start(), whole.reasoningStart() + step.end()))
                    .isEqualTo(step.text());
        }

        // streamed in pieces that split the tags, the offsets are the same
        ReasoningParser streamed = new ReasoningParser();
        for (int i = 0; i < text.length(); i += 3) streamed.accept(text.substring(i, Math.min(text.length(), i + 3)));
        streamed.finish();
        assertThat(streamed.result()).isEqualTo(whole);
    }

    @Test
    void offsetsOfUntaggedTextAndOfSectionsThatAreNotOneSlice() {
        ParsedResponse plain = ReasoningParser.parse("  Just an answer.");
        assertThat(plain.answerStart()).isEqualTo(2);
        assertThat(plain.reasoningStart()).isEqualTo(-1);
        ParsedResponse prefilled = ReasoningParser.parse("I think so.</think>Yes");
        assertThat(prefilled.reasoningStart()).isZero();
        assertThat(prefilled.answerStart()).isEqualTo("I think so.</think>".length());
        ParsedResponse twice = ReasoningParser.parse("<think>a</think><think>b</think><answer>c</answer>");
        assertThat(twice.reasoning()).isEqualTo("a\n\nb");
        assertThat(twice.reasoningStart()).isEqualTo(-1);
        assertThat(twice.answerStart()).isEqualTo(40);
    }
}
