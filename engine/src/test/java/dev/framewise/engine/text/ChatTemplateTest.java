package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFixtureCaseRendersExactly() {
        ChatTemplate template = ChatTemplate.load(TextFixture.modelDir());
        for (JsonNode c : TextFixture.json("cases.json").get("cases")) {
            List<ChatMessage> messages = MessagesFileTest.caseMessages(c);
            assertThat(template.render(messages, true)).as(c.get("id").asText())
                    .isEqualTo(c.get("prompt_text").asText());
        }
    }

    /**
     * Templates rendered by Jinja2 configured as transformers does (chat-templates/make_hf_jinja_cases.py):
     * the Qwen2.5-Instruct template with tools and tool calls, the VL template with add_vision_id, and a
     * template using namespace, loop variables, Python string methods, tojson, whitespace control.
     */
    @Test
    @SuppressWarnings("unchecked")
    void rendersLikeTransformersJinjaEnvironment() throws IOException {
        JsonNode cases = JSON.readTree(ChatTemplateTest.class.getResourceAsStream("/chat-templates/hf_jinja_cases.json"));
        assertThat(cases.get("cases")).hasSize(5);
        for (JsonNode c : cases.get("cases")) {
            ChatTemplate template = ChatTemplate.fromSource(c.get("template").asText(), c.get("name").asText());
            List<Map<String, Object>> messages = JSON.convertValue(c.get("messages"), List.class);
            Map<String, Object> variables = JSON.convertValue(c.get("variables"), Map.class);
            assertThat(template.renderDicts(messages, c.get("add_generation_prompt").asBoolean(), variables))
                    .as(c.get("name").asText()).isEqualTo(c.get("expected").asText());
        }
    }

    @Test
    void templateComesFromChatTemplateJsonThenTokenizerConfig(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"T{{ messages|length }}\"}");
        assertThat(ChatTemplate.load(dir).render(List.of(ChatMessage.user("a")), false)).isEqualTo("T1");
        Files.writeString(dir.resolve("chat_template.json"), "{\"chat_template\": \"J{{ messages[0].role }}\"}");
        assertThat(ChatTemplate.load(dir).render(List.of(ChatMessage.user("a")), false)).isEqualTo("Juser");
        Files.writeString(dir.resolve("chat_template.jinja"), "X{{ add_generation_prompt }}\n");
        assertThat(ChatTemplate.load(dir).render(List.of(ChatMessage.user("a")), false)).isEqualTo("XFalse");
    }

    @Test
    void folderWithoutTemplateIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> ChatTemplate.load(dir))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining(dir + " has no chat template");
    }

    @Test
    void editedTemplateIsRendered() {
        ChatTemplate edited = ChatTemplate.fromSource(
                ChatTemplate.load(TextFixture.modelDir()).source().replace("You are a helpful assistant.", "Be terse."),
                "edited");
        assertThat(edited.render(List.of(ChatMessage.user("Hi")), true)).isEqualTo(
                "<|im_start|>system\nBe terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(edited.render(List.of(ChatMessage.system("S"), ChatMessage.user("Hi")), false)).isEqualTo(
                "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
    }

    @Test
    void addVisionIdVariableIsPassed() {
        JsonNode e = TextFixture.json("cases.json").get("cases").get(4);
        String rendered = ChatTemplate.load(TextFixture.modelDir())
                .render(MessagesFileTest.caseMessages(e), true, Map.of("add_vision_id", true));
        assertThat(rendered).contains("First: Picture 1: <|vision_start|>").contains("Second: Picture 2: <|vision_start|>");
    }

    @Test
    void raiseExceptionAndSyntaxErrorsAreEngineErrors() {
        ChatTemplate raising = ChatTemplate.fromSource(
                "{% if messages[0].role != 'user' %}{{ raise_exception('Conversation must start with user') }}{% endif %}",
                "strict.jinja");
        assertThatThrownBy(() -> raising.render(List.of(ChatMessage.system("s")), true))
                .isInstanceOf(EngineException.class)
                .hasMessage("the chat template (strict.jinja) rejected the conversation: Conversation must start with user");
        ChatTemplate broken = ChatTemplate.fromSource("{% for m in messages %}{{ m.role }", "broken.jinja");
        assertThatThrownBy(() -> broken.render(List.of(ChatMessage.user("a")), true))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("the chat template (broken.jinja) could not be rendered");
    }
}
