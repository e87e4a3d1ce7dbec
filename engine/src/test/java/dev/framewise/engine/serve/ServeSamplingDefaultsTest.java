package dev.framewise.engine.serve;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.PromptConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a chat-completions request that leaves sampling fields out is sampled with: a Cosmos-Reason2 model's
 * convention (with or without the reasoning format, by whether the conversation asks for {@code <think>}), every
 * other model OpenAI's defaults; fields the request gives win.
 */
@Timeout(30)
class ServeSamplingDefaultsTest {
    private static final String PLAIN = "{\"messages\":[{\"role\":\"user\",\"content\":\"is it safe\"}]";
    private static final String REASONING = "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"is it safe\\n\\nAnswer the question using the following format:\\n\\n"
            + "<think>\\nYour reasoning.\\n</think>\\n\\nWrite your final answer immediately after the </think> tag.\"}]";
    private final HttpClient http = HttpClient.newHttpClient();

    private GenerationParams sent(PromptConvention convention, String body) throws Exception {
        EchoBackend backend = new EchoBackend(null);
        backend.convention = convention;
        try (OpenAiServer server = OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return backend.requests.get(0).params();
    }

    @Test
    void aReason2ModelWithoutTheReasoningFormatGetsItsPlainSampling() throws Exception {
        GenerationParams p = sent(PromptConvention.COSMOS_REASON2, PLAIN + "}");
        assertThat(p.temperature()).isEqualTo(0.7);
        assertThat(p.topP()).isEqualTo(0.8);
        assertThat(p.topK()).isEqualTo(20);
        assertThat(p.repetitionPenalty()).isEqualTo(1.0);
        assertThat(p.presencePenalty()).isEqualTo(1.5);
        assertThat(p.frequencyPenalty()).isEqualTo(0.0);
        assertThat(p.maxTokens()).isEqualTo(4096);
    }

    @Test
    void aReason2ModelAskedForThinkGetsItsReasoningSampling() throws Exception {
        GenerationParams p = sent(PromptConvention.COSMOS_REASON2, REASONING + "}");
        assertThat(p.temperature()).isEqualTo(0.6);
        assertThat(p.topP()).isEqualTo(0.95);
        assertThat(p.topK()).isEqualTo(20);
        assertThat(p.presencePenalty()).isEqualTo(0.0);
    }

    @Test
    void fieldsTheRequestGivesWin() throws Exception {
        GenerationParams p = sent(PromptConvention.COSMOS_REASON2,
                PLAIN + ",\"temperature\":0.2,\"top_k\":5,\"presence_penalty\":0.5,\"max_tokens\":3}");
        assertThat(p.temperature()).isEqualTo(0.2);
        assertThat(p.topK()).isEqualTo(5);
        assertThat(p.presencePenalty()).isEqualTo(0.5);
        assertThat(p.topP()).isEqualTo(0.8);
        assertThat(p.maxTokens()).isEqualTo(3);
    }

    @Test
    void otherModelsKeepOpenAisDefaults() throws Exception {
        GenerationParams p = sent(PromptConvention.COSMOS_REASON1, REASONING + "}");
        assertThat(p.temperature()).isEqualTo(1.0);
        assertThat(p.topP()).isEqualTo(1.0);
        assertThat(p.topK()).isZero();
        assertThat(p.repetitionPenalty()).isEqualTo(1.0);
        assertThat(p.presencePenalty()).isEqualTo(0.0);
    }
}
