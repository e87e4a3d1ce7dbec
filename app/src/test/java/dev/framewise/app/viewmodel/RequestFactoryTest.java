package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.PromptConvention;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The workbench asks the loaded model in its family's convention, as {@code framewise ask --prompt} does. */
class RequestFactoryTest {
    private static final RunSpec QUESTION = new RunSpec("How many cups?", null, null, null,
            PromptConvention.COSMOS_REASON1.sampling(), null, null, true, null);

    @Test
    void aQwen3VlModelGetsTheReasoningFormatAfterTheQuestion() {
        GenerationRequest request = new RequestFactory().build(QUESTION, PromptConvention.COSMOS_REASON2);
        assertThat(request.messages())
                .isEqualTo(PromptConvention.COSMOS_REASON2.question(List.of(), "How many cups?", true, null));
        assertThat(request.messages().get(0).content())
                .containsExactly(new ContentPart.Text("You are a helpful assistant."));
        assertThat(((ContentPart.Text) request.messages().get(1).content().get(0)).text())
                .startsWith("How many cups?\n\nAnswer the question using the following format:");
    }

    @Test
    void aCosmosReason1ModelGetsItInTheSystemPrompt() {
        GenerationRequest request = new RequestFactory().build(QUESTION);
        assertThat(request.messages().get(0).content())
                .containsExactly(new ContentPart.Text(PromptConvention.COSMOS_REASON1.reasoningSystemPrompt()));
        assertThat(request.messages().get(1).content()).containsExactly(new ContentPart.Text("How many cups?"));
    }
}
