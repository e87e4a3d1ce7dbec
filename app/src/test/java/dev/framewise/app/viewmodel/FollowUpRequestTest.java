package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.sessions.model.FollowUp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follow-up question continues its first question's conversation: the same system prompt and media, each earlier
 * answer without its reasoning (as Qwen3 chat templates drop it), then the new question; the first question's
 * messages are unchanged, so the engine's prompt-prefix cache serves them.
 */
class FollowUpRequestTest {
    private static final Path VIDEO = Path.of("/clips/ball.mp4").toAbsolutePath();
    private static final String FIRST_TEXT = "<think>\nThe ball rolls right.\n</think>\n\n<answer>\nIt hits the box.\n</answer>";

    private static RunSpec first() {
        return new RunSpec("What happens next?", VIDEO, 1.0, 2.0, GenerationParams.greedy(64), 4.0, null, true, null);
    }

    private static String text(ChatMessage m) {
        return m.content().stream().filter(ContentPart.Text.class::isInstance).map(p -> ((ContentPart.Text) p).text())
                .reduce("", String::concat);
    }

    @Test
    void aFollowUpSendsTheEarlierAnswerWithoutItsReasoningAfterTheSameFirstTurn() {
        RunSpec first = first();
        RunSpec next = first.followedBy("run-1", RequestFactory.answerShown(FIRST_TEXT), "Why?", GenerationParams.greedy(32), null);

        GenerationRequest asked = new RequestFactory().build(first);
        GenerationRequest followUp = new RequestFactory().build(next);

        assertThat(followUp.messages()).hasSize(4);
        assertThat(followUp.messages().subList(0, 2)).isEqualTo(asked.messages());
        assertThat(followUp.messages().get(0).role()).isEqualTo("system");
        assertThat(text(followUp.messages().get(0))).isEqualTo(PromptConvention.COSMOS_REASON1.reasoningSystemPrompt());
        assertThat(followUp.messages().get(1).content().get(0)).isInstanceOf(ContentPart.Video.class);
        assertThat(followUp.messages().get(2)).isEqualTo(ChatMessage.assistant("<answer>\nIt hits the box.\n</answer>"));
        assertThat(followUp.messages().get(3)).isEqualTo(ChatMessage.user("Why?"));
        assertThat(followUp.params()).isEqualTo(GenerationParams.greedy(32));
        // the same media, clip and sampling as the first question
        assertThat(next.media()).isEqualTo(VIDEO);
        assertThat(next.clipStart()).isEqualTo(1.0);
        assertThat(next.fps()).isEqualTo(4.0);
        assertThat(next.followUp()).isEqualTo(new FollowUp("run-1",
                List.of(new FollowUp.Turn("What happens next?", "<answer>\nIt hits the box.\n</answer>"))));
    }

    @Test
    void eachFurtherFollowUpAddsTheTurnBeforeIt() {
        RunSpec second = first().followedBy("run-1", "<answer>\nIt hits the box.\n</answer>", "Why?", GenerationParams.greedy(32), null);
        RunSpec third = second.followedBy("run-2", RequestFactory.answerShown("<think>x</think>\n\n<answer>\nIt is in the way.\n</answer>"),
                "And then?", GenerationParams.greedy(32), "tpl");

        List<ChatMessage> messages = new RequestFactory().build(third).messages();

        assertThat(messages).extracting(ChatMessage::role)
                .containsExactly("system", "user", "assistant", "user", "assistant", "user");
        assertThat(messages.stream().map(FollowUpRequestTest::text).toList().subList(2, 6)).containsExactly(
                "<answer>\nIt hits the box.\n</answer>", "Why?", "<answer>\nIt is in the way.\n</answer>", "And then?");
        assertThat(third.followUp().follows()).isEqualTo("run-2");
        assertThat(third.followUp().earlierTurns()).extracting(FollowUp.Turn::question).containsExactly("What happens next?", "Why?");
        assertThat(third.templateName()).isEqualTo("tpl");
    }

    @Test
    void aModelThatDoesNotReasonShowsItsWholeAnswerAgain() {
        assertThat(RequestFactory.answerShown("Two cups.")).isEqualTo("Two cups.");
        assertThat(RequestFactory.answerShown("<think>\nstill thinking")).isEmpty();
    }
}
