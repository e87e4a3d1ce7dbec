package dev.framewise.engine.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An earlier answer loses its reasoning as Qwen3 chat templates drop it: {@code split('</think>')[-1].lstrip('\n')}. */
class EarlierAnswerTest {

    private static String shown(String generated) {
        ChatMessage message = ChatMessage.earlierAnswer(generated);
        assertThat(message.role()).isEqualTo("assistant");
        return ((ContentPart.Text) message.content().get(0)).text();
    }

    @Test
    void cosmosReason1KeepsItsAnswerTagsWithoutTheReasoning() {
        assertThat(shown("<think>\nThe ball rolls right.\n</think>\n\n<answer>\nIt hits the box.\n</answer>"))
                .isEqualTo("<answer>\nIt hits the box.\n</answer>");
    }

    @Test
    void qwen3AnswersAfterTheLastThinkClose() {
        assertThat(shown("<think>\na\n</think>\n\nb </think>\n\nThe cup is left.")).isEqualTo("The cup is left.");
        // only newlines are stripped, as Python's lstrip('\n')
        assertThat(shown("<think>x</think> \nYes.")).isEqualTo(" \nYes.");
    }

    @Test
    void aModelWithoutReasoningKeepsItsWholeText() {
        assertThat(shown("Two cups are on the table.")).isEqualTo("Two cups are on the table.");
    }

    @Test
    void aRunStoppedWhileThinkingHasNoAnswer() {
        assertThat(shown("<think>\nFirst the ball")).isEmpty();
        assertThat(shown(null)).isEmpty();
    }
}
