package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.PromptConvention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The system prompt editor: it starts as the family's, an untouched one asks as {@code ask --prompt}, edits are sent. */
class SystemPromptTest {
    private static final String FAMILY = PromptConvention.COSMOS_REASON1.reasoningSystemPrompt();

    private static String systemOf(ParamsViewModel params) {
        RunSpec spec = new RunSpec("Which cup?", null, null, null, params.toGenerationParams(), null, null,
                params.reasoningFormatProperty().get(), null, params.systemPromptOverride(), null);
        ChatMessage first = new RequestFactory().build(spec).messages().get(0);
        return first.role().equals("system") ? ((ContentPart.Text) first.content().get(0)).text() : null;
    }

    @Test
    void anUntouchedEditorShowsTheFamilysPromptAndSendsItAsAskDoes() {
        ParamsViewModel params = new ParamsViewModel();
        assertThat(params.systemPromptProperty().get()).isEqualTo(FAMILY);
        assertThat(params.systemPromptOverride()).isNull();
        assertThat(systemOf(params)).isEqualTo(FAMILY);

        params.reasoningFormatProperty().set(false);
        assertThat(params.systemPromptProperty().get()).as("follows the reasoning switch").isEmpty();
        assertThat(systemOf(params)).as("the chat template's own default applies").isNull();
    }

    @Test
    void anEditedPromptIsSentWithTheReasoningFormatAppended() {
        ParamsViewModel params = new ParamsViewModel();
        params.systemPromptProperty().set("You are a terse robot.");
        assertThat(systemOf(params)).isEqualTo("You are a terse robot.\n\n" + PromptConvention.COSMOS_REASON1.reasoningFormat());
        params.reasoningFormatProperty().set(false);
        assertThat(params.systemPromptProperty().get()).as("an edited prompt is kept").isEqualTo("You are a terse robot.");
        assertThat(systemOf(params)).isEqualTo("You are a terse robot.");
        params.useFamilySystemPrompt();
        assertThat(params.systemPromptProperty().get()).isEmpty();
    }

    @Test
    void aKeptDefaultStartsLaterQuestionsAndTheFamilysClearsIt() {
        ParamsViewModel params = new ParamsViewModel();
        params.systemPromptProperty().set("You are a kitchen safety inspector.");
        params.keepSystemPromptAsDefault();
        assertThat(params.savedSystemPromptProperty().get()).isEqualTo("You are a kitchen safety inspector.");

        ParamsViewModel next = new ParamsViewModel();
        next.savedSystemPromptProperty().set("You are a kitchen safety inspector.");
        assertThat(next.systemPromptProperty().get()).isEqualTo("You are a kitchen safety inspector.");
        next.useFamilySystemPrompt();
        next.keepSystemPromptAsDefault();
        assertThat(next.savedSystemPromptProperty().get()).isEmpty();
    }

    @Test
    void editingARunPutsItsSystemPromptBack() {
        ParamsViewModel params = new ParamsViewModel();
        params.load(new RunSpec("q", null, null, null, params.toGenerationParams(), null, null, true, null, "Be brief.", null));
        assertThat(params.systemPromptProperty().get()).isEqualTo("Be brief.");
        params.load(new RunSpec("q", null, null, null, params.toGenerationParams(), null, null, true, null));
        assertThat(params.systemPromptProperty().get()).isEqualTo(FAMILY);
    }
}
