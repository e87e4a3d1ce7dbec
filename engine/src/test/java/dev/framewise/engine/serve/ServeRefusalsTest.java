package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptTooLongException;
import dev.framewise.engine.media.MediaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals the backend makes reach the client as OpenAI errors with printable, bounded messages. */
@Timeout(30)
class ServeRefusalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private final HttpClient http = HttpClient.newHttpClient();

    /** A backend that refuses every request with the given exception. */
    private static InferenceBackend refusing(Supplier<RuntimeException> failure) {
        return new InferenceBackend() {
            @Override
            public String describe() {
                return "refusing";
            }

            @Override
            public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
                throw failure.get();
            }

            @Override
            public void close() {
            }
        };
    }

    private HttpResponse<String> post(OpenAiServer server, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPromptOverTheContextIs400ContextLengthExceededAsVllmAnswers() throws Exception {
        String message = "the prompt is 40,000 tokens and max tokens asks for 4,096 more: 44,096 in all, over this "
                + "model's context length of 32,768 tokens; lower max tokens";
        try (OpenAiServer server = OpenAiServer.start(refusing(() -> new PromptTooLongException(message, 40000, 4096)),
                ServeOptions.defaults("tiny").withPort(0))) {
            HttpResponse<String> response = post(server, QUESTION);
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("context_length_exceeded");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("message").asText()).isEqualTo(message);
        }
    }

    @Test
    void messagesLeaveTheServerPrintableAndBounded() throws Exception {
        String garbage = "cannot be read (Invalid data found when processing input" + "\0".repeat(190)
                + "\u0007\u001b\uFFFD\uD800heap" + "x".repeat(5000) + ")";
        try (OpenAiServer server = OpenAiServer.start(refusing(() -> new MediaException(Path.of("clip.mp4"), garbage)),
                ServeOptions.defaults("tiny").withPort(0))) {
            HttpResponse<String> response = post(server, QUESTION);
            assertThat(response.statusCode()).isEqualTo(400);
            String text = JSON.readTree(response.body()).path("error").path("message").asText();
            assertThat(text).startsWith("clip.mp4: cannot be read (Invalid data found when processing input heap")
                    .doesNotContain("\0", "\u0007", "\u001b", "\uFFFD", "\uD800").endsWith("…");
            assertThat(text.length()).isLessThanOrEqualTo(ClientText.MAX_LENGTH);
            assertThat(response.body()).doesNotContain("\\u0000");
        }
    }

    @Test
    void clientTextKeepsOrdinaryMessagesAsTheyAre() {
        assertThat(ClientText.of("messages[0].role: must be system, user or assistant, not 'x'"))
                .isEqualTo("messages[0].role: must be system, user or assistant, not 'x'");
        assertThat(ClientText.of("café ✓ 日本")).isEqualTo("café ✓ 日本");
        assertThat(ClientText.of("\0\0\0")).isEqualTo("The request failed.");
        assertThat(ClientText.of(null)).isEqualTo("The request failed.");
    }
}
