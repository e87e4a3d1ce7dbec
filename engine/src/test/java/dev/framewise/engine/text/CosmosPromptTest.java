package dev.framewise.engine.text;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CosmosPromptTest {
    /** Copied by hand from nvidia-cosmos/cosmos-reason1 README.md at c51fe52 (the model card's system prompt). */
    private static final String README_SYSTEM = "You are a helpful assistant. Answer the question in the following "
            + "format: <think>\nyour reasoning\n</think>\n\n<answer>\nyour answer\n</answer>.";
    /** prompts/addons/reasoning.txt at 3e7f1cb, without its final newline (inference.py rstrips). */
    private static final String REASONING_TXT = "Answer the question with provided options in the following format:\n"
            + "<think>\nyour reasoning\n</think>\n\n<answer>\nyour answer\n</answer>.";

    private final ChatTemplate template = ChatTemplate.load(TextFixture.modelDir());
    private final ContentPart video = ContentPart.Video.of(Path.of("clip.mp4"));

    @Test
    void reasoningQuestionRendersWithTheModelCardSystemPrompt() {
        List<ChatMessage> messages = CosmosPrompt.question(List.of(video), "Is it safe to turn right?  ", true, null);
        assertThat(messages).hasSize(2);
        assertThat(template.render(messages, true)).isEqualTo("<|im_start|>system\n" + README_SYSTEM + "<|im_end|>\n"
                + "<|im_start|>user\n<|vision_start|><|video_pad|><|vision_end|>Is it safe to turn right?<|im_end|>\n"
                + "<|im_start|>assistant\n");
    }

    @Test
    void userSystemPromptIsFollowedByTheFormatInstruction() {
        List<ChatMessage> messages = CosmosPrompt.question(List.of(), "Why?", true, "You are a robot.\n");
        assertThat(messages.get(0)).isEqualTo(ChatMessage.system("You are a robot.\n\nAnswer the question in the "
                + "following format: <think>\nyour reasoning\n</think>\n\n<answer>\nyour answer\n</answer>."));
        List<ChatMessage> already = CosmosPrompt.question(List.of(), "Why?", true, "Use <think> tags.");
        assertThat(already.get(0)).isEqualTo(ChatMessage.system("Use <think> tags."));
    }

    @Test
    void withoutReasoningFormatTheTemplateDefaultApplies() {
        ContentPart image = ContentPart.Image.of(Path.of("a.png"));
        List<ChatMessage> messages = CosmosPrompt.question(List.of(image, video), "Describe.", false, null);
        assertThat(messages).containsExactly(ChatMessage.user(List.of(image, video, new ContentPart.Text("Describe."))));
        assertThat(template.render(messages, true)).startsWith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>");
        assertThat(CosmosPrompt.question(List.of(), "Q", false, "Be brief.").get(0)).isEqualTo(ChatMessage.system("Be brief."));
    }

    @Test
    void multipleChoiceFollowsInferencePyWithTheOptionsFile() {
        List<ChatMessage> messages = CosmosPrompt.multipleChoice(List.of(video), "Which object moved first?",
                List.of("the cup", " the ball ", "the box"), true, null);
        assertThat(messages.get(0)).isEqualTo(ChatMessage.system(
                "Always respond in English.\n\nYou are a helpful video analyzer.\n\n" + REASONING_TXT));
        assertThat(messages.get(1).content().get(1)).isEqualTo(
                new ContentPart.Text("Which object moved first?\n(A) the cup\n(B) the ball\n(C) the box"));
        assertThat(CosmosPrompt.multipleChoice(List.of(), "Q", List.of("x", "y"), false, "Judge.").get(0))
                .isEqualTo(ChatMessage.system("Always respond in English.\n\nJudge."));
        assertThatThrownBy(() -> CosmosPrompt.multipleChoice(List.of(), "Q", List.of("x"), true, null))
                .isInstanceOf(EngineException.class).hasMessageContaining("2 to 26 options");
    }

    @Test
    void emptyQuestionIsRejected() {
        assertThatThrownBy(() -> CosmosPrompt.question(List.of(video), "  ", true, null))
                .isInstanceOf(EngineException.class).hasMessageContaining("question is empty");
    }
}
