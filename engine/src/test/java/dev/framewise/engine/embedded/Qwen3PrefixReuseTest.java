package dev.framewise.engine.embedded;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.family.qwen3vl.Qwen3Fixture;
import dev.framewise.engine.model.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A second question about the same image re-uses the cached prefix (image tokens included) and prefills only the
 * rest: the DeepStack features of the rows it runs are still added, and the answer equals a fresh model's.
 */
class Qwen3PrefixReuseTest {
    private static GenerationResult ask(EmbeddedBackend backend, String system, String text) {
        ContentPart image = ContentPart.Image.of(Qwen3Fixture.dir().resolve("inputs/b_image.png"));
        List<ChatMessage> messages = PromptConvention.COSMOS_REASON2.question(List.of(image), text, false, system);
        return backend.generate(new GenerationRequest(messages, GenerationParams.greedy(6)), GenerationListener.NONE,
                new CancellationToken());
    }

    private static void assertSameAnswer(GenerationResult reused, GenerationResult fresh) {
        assertThat(reused.tokens().stream().map(t -> t.id()).toList())
                .isEqualTo(fresh.tokens().stream().map(t -> t.id()).toList());
        assertThat(reused.tokens().get(0).logprob()).isCloseTo(fresh.tokens().get(0).logprob(), within(1e-4));
    }

    @Test
    void aReusedPrefixGivesTheSameAnswerAsAFreshPrefill() {
        EmbeddedOptions options = new EmbeddedOptions(Precision.FP32, "cpu");
        GenerationResult reused;
        GenerationResult fresh;
        GenerationResult reusedBeforeImage;
        GenerationResult freshBeforeImage;
        try (EmbeddedBackend backend = EmbeddedBackend.open(Qwen3Fixture.dir(), options)) {
            assertThat(backend.convention()).as("the workbench asks the family's convention")
                    .isSameAs(PromptConvention.COSMOS_REASON2);
            ask(backend, null, "What is the red object doing?");
            reused = ask(backend, null, "What is the blue object doing?");
            // Diverging in the system prompt: the image's rows (and their DeepStack features) come after the reuse.
            reusedBeforeImage = ask(backend, "You are a careful assistant.", "What is the red object doing?");
        }
        try (EmbeddedBackend backend = EmbeddedBackend.open(Qwen3Fixture.dir(), options)) {
            // the header names the family, which decides the prompt convention and grounding coordinates
            assertThat(backend.describe()).isEqualTo(Qwen3Fixture.dir().getFileName() + " (Qwen3-VL) on CPU (fp32)");
            fresh = ask(backend, null, "What is the blue object doing?");
        }
        try (EmbeddedBackend backend = EmbeddedBackend.open(Qwen3Fixture.dir(), options)) {
            freshBeforeImage = ask(backend, "You are a careful assistant.", "What is the red object doing?");
        }
        assertThat(reused.timings().cachedPromptTokens()).isGreaterThan(15); // the image's 15 tokens and more
        assertSameAnswer(reused, fresh);
        assertThat(reusedBeforeImage.timings().cachedPromptTokens()).isPositive().isLessThan(10);
        assertSameAnswer(reusedBeforeImage, freshBeforeImage);
    }
}
