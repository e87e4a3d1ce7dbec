package dev.framewise.engine.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** vLLM's qwen3 reasoning parser, whole and streamed: both always agree. */
class ReasoningSplitterTest {

    private static ReasoningSplitter.Split streamed(List<String> pieces) {
        ReasoningSplitter splitter = new ReasoningSplitter();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (String piece : pieces) {
            ReasoningSplitter.Split d = splitter.accept(piece);
            reasoning.append(d.reasoning());
            content.append(d.content());
        }
        ReasoningSplitter.Split d = splitter.finish();
        return new ReasoningSplitter.Split(reasoning.append(d.reasoning()).toString(), content.append(d.content()).toString());
    }

    @Test
    void theThinkBlockIsReasoningAndTheRestContent() {
        String output = "<think>\nThe cup is at the edge.\n</think>\n\nIt will fall.";
        assertThat(ReasoningSplitter.whole(output))
                .isEqualTo(new ReasoningSplitter.Split("\nThe cup is at the edge.\n", "\n\nIt will fall."));
        // a tag cut across pieces is held back until it is whole
        assertThat(streamed(List.of("<thi", "nk>\nThe cup", " is at the edge.\n</", "think>\n\nIt will", " fall.")))
                .isEqualTo(new ReasoningSplitter.Split("\nThe cup is at the edge.\n", "\n\nIt will fall."));
    }

    @Test
    void withoutThinkEverythingIsContentVerbatim() {
        assertThat(ReasoningSplitter.whole("Yes. </think> is a tag")).isEqualTo(new ReasoningSplitter.Split(null, "Yes. </think> is a tag"));
        assertThat(streamed(List.of("Yes", ". <", "/think> is a tag", " <"))).isEqualTo(new ReasoningSplitter.Split("", "Yes. </think> is a tag <"));
    }

    @Test
    void aThinkBlockCutAtMaxTokensIsAllReasoning() {
        assertThat(ReasoningSplitter.whole("<think>The ball rolls")).isEqualTo(new ReasoningSplitter.Split("The ball rolls", ""));
        assertThat(streamed(List.of("<think>", "The ball", " rolls"))).isEqualTo(new ReasoningSplitter.Split("The ball rolls", ""));
    }
}
