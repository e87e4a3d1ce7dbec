package dev.framewise.engine.family.qwen3vl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.reasoning.ParsedResponse;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.engine.text.ChatTemplate;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cosmos-Reason2's prompt convention and answers without an {@code <answer>} tag. */
class Reason2ConventionTest {

    @Test
    void theReasoningQuestionRendersAsTheFixturesCosmosReason2Case() {
        JsonNode c = Qwen3Fixture.named("b_image_exact");
        ContentPart image = ContentPart.Image.of(Qwen3Fixture.dir().resolve("inputs/b_image.png"));
        String rendered = ChatTemplate.load(Qwen3Fixture.dir())
                .render(PromptConvention.COSMOS_REASON2.question(List.of(image), "What is the red object doing?", true, null), true);
        assertThat(rendered).isEqualTo(c.get("prompt_text").asText());
    }

    @Test
    void withoutReasoningTheQuestionStaysAsItIs() {
        var messages = PromptConvention.COSMOS_REASON2.question(List.of(), "How many cups?", false, null);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).content()).containsExactly(new ContentPart.Text(PromptConvention.COSMOS_REASON2.plainSystemPrompt()));
        assertThat(messages.get(1).content()).containsExactly(new ContentPart.Text("How many cups?"));
    }

    @Test
    void aUserSystemPromptReplacesTheDefaultAndTheFormatStaysWithTheQuestion() {
        var messages = PromptConvention.COSMOS_REASON2.question(List.of(), "How many cups?", true, "Be brief.");
        assertThat(messages.get(0).content()).containsExactly(new ContentPart.Text("Be brief."));
        assertThat(messages.get(1).content()).containsExactly(new ContentPart.Text("How many cups?\n\n"
                + "Answer the question using the following format:\n\n<think>\nYour reasoning.\n</think>\n\n"
                + "Write your final answer immediately after the </think> tag."));
    }

    @Test
    void qwen3VlIsAskedWithCosmosReason2sConvention() {
        assertThat(Qwen3VlFamily.INSTANCE.promptConvention()).isSameAs(PromptConvention.COSMOS_REASON2);
    }

    @Test
    void theAnswerIsEverythingAfterTheThinkBlock() {
        ParsedResponse parsed = ReasoningParser.parse(
                "<think>\nThe cup is at the edge of the table.\n</think>\n\nNo, not yet: it may fall.");
        assertThat(parsed.reasoning()).isEqualTo("The cup is at the edge of the table.");
        assertThat(parsed.answer()).isEqualTo("No, not yet: it may fall.");
    }

    @Test
    void reason2SamplesAsCosmosReason2sInferenceScriptWithAndWithoutReasoning() {
        GenerationParams reasoning = PromptConvention.COSMOS_REASON2.sampling(true);
        assertThat(reasoning).isEqualTo(GenerationParams.builder().maxTokens(4096).temperature(0.6).topP(0.95)
                .topK(20).repetitionPenalty(1.0).presencePenalty(0.0).build());
        assertThat(PromptConvention.COSMOS_REASON2.sampling()).isEqualTo(reasoning);
        assertThat(PromptConvention.COSMOS_REASON2.sampling(false)).isEqualTo(GenerationParams.builder().maxTokens(4096)
                .temperature(0.7).topP(0.8).topK(20).repetitionPenalty(1.0).presencePenalty(1.5).build());
        // Cosmos-Reason1 samples alike with and without its format
        assertThat(PromptConvention.COSMOS_REASON1.sampling(false)).isEqualTo(PromptConvention.COSMOS_REASON1.sampling(true));
    }

    @Test
    void reason2VideosAreSampledAtTwoFpsWithinTheBudgetOfItsRecommendedModelLength() {
        PromptConvention.VideoDefaults video = PromptConvention.COSMOS_REASON2.video();
        assertThat(video.fps()).isEqualTo(2.0);
        // int((16384 - 4096) * 32**2 * 0.9), cosmos_reason2_utils/script/inference.py
        assertThat(video.totalPixels()).isEqualTo(11_324_620);
        assertThat(video.maxPixels()).isNull();
        assertThat(video.frameCap()).isEqualTo(768 * 32 * 32);
        ContentPart.Video part = PromptConvention.COSMOS_REASON2.video(Path.of("clip.mp4"), null, null, null, null, null, null);
        assertThat(part.fps()).isEqualTo(2.0);
        assertThat(part.totalPixels()).isEqualTo(11_324_620);
        // Cosmos-Reason1 keeps its 4 fps and 8192 · 28² · 2 pixels
        assertThat(PromptConvention.COSMOS_REASON1.video().fps()).isEqualTo(4.0);
        assertThat(PromptConvention.COSMOS_REASON1.video().totalPixels()).isEqualTo(12_845_056);
        assertThat(PromptConvention.COSMOS_REASON1.video().frameCap()).isEqualTo(768 * 28 * 28);
    }
}
