package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.remote.OpenAiCompatibleBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code framewise serve} with the qwen3 reasoning parser answers as vLLM with {@code --reasoning-parser qwen3}:
 * the think block in {@code reasoning_content}, the answer in {@code content}, whole and streamed; and the remote
 * backend reads it back as the model wrote it.
 */
@Timeout(30)
class ReasoningContentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // EchoBackend answers with these words, one token each: "<think>", " the", " cup", " tips", " </think>", ...
    private static final String QUESTION = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"<think> the cup tips </think> it falls\"}]";

    private static HttpResponse<String> post(OpenAiServer server, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWholeAnswerSplitsItsThinkBlockOff() throws Exception {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0), true)) {
            JsonNode message = JSON.readTree(post(server, QUESTION + "}").body()).at("/choices/0/message");
            assertThat(message.get("reasoning_content").asText()).isEqualTo(" the cup tips ");
            assertThat(message.get("content").asText()).isEqualTo(" it falls");
        }
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0))) {
            JsonNode message = JSON.readTree(post(server, QUESTION + "}").body()).at("/choices/0/message");
            assertThat(message.has("reasoning_content")).isFalse();
            assertThat(message.get("content").asText()).isEqualTo("<think> the cup tips </think> it falls");
        }
    }

    @Test
    void aStreamSendsReasoningDeltasThenContentDeltas() throws Exception {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0), true)) {
            String body = post(server, QUESTION + ",\"stream\":true}").body();
            List<String> reasoning = new ArrayList<>();
            List<String> content = new ArrayList<>();
            for (String line : body.split("\n\n")) {
                if (line.equals("data: [DONE]")) continue;
                JsonNode delta = JSON.readTree(line.substring(6)).at("/choices/0/delta");
                if (delta.has("reasoning_content")) reasoning.add(delta.get("reasoning_content").asText());
                if (delta.has("content") && !delta.get("content").asText().isEmpty()) content.add(delta.get("content").asText());
            }
            // the tags are no chunk of their own; " </think>" leaves only its leading space to the reasoning
            assertThat(reasoning).containsExactly(" the", " cup", " tips", " ");
            assertThat(content).containsExactly(" it", " falls");
        }
    }

    @Test
    void theRemoteBackendPutsTheTagsBack() {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0), true);
             OpenAiCompatibleBackend remote = new OpenAiCompatibleBackend(RemoteEndpoint.of(server.baseUri().toString(), "tiny", null))) {
            GenerationResult result = remote.generate(new GenerationRequest(List.of(ChatMessage.user(List.of(
                    new ContentPart.Text("<think> the cup tips </think> it falls")))), GenerationParams.greedy(16)),
                    GenerationListener.NONE, new CancellationToken());
            assertThat(result.reasoning()).isEqualTo("the cup tips");
            assertThat(result.answer()).isEqualTo("it falls");
        }
    }
}
