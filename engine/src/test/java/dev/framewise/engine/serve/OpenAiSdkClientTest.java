package dev.framewise.engine.serve;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import dev.framewise.engine.api.ContentPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK as the client of framewise serve: what other tools will use. */
@Timeout(60)
class OpenAiSdkClientTest {

    private static OpenAIClient client(OpenAiServer server, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(server.baseUri().toString()).apiKey(key)
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    private static ChatCompletionCreateParams.Builder question(String text) {
        return ChatCompletionCreateParams.builder().model("tiny").addUserMessage(text).maxCompletionTokens(16)
                .temperature(0.0).seed(0);
    }

    @Test
    void nonStreamingWithLogprobs() {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0).withApiKey("k"))) {
            OpenAIClient sdk = client(server, "k");
            ChatCompletion completion = sdk.chat().completions().create(question("the cup is still").logprobs(true).topLogprobs(2).build());

            assertThat(completion.choices()).hasSize(1);
            ChatCompletion.Choice choice = completion.choices().get(0);
            assertThat(choice.message().content()).hasValue("the cup is still");
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            List<ChatCompletionTokenLogprob> logprobs = choice.logprobs().orElseThrow().content().orElseThrow();
            assertThat(logprobs).extracting(ChatCompletionTokenLogprob::token).containsExactly("the", " cup", " is", " still");
            assertThat(logprobs.get(1).topLogprobs()).extracting(t -> t.token()).containsExactly("token_id:101", "token_id:7");
            assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
            assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(3);
            assertThat(completion.model()).isEqualTo("tiny");
            assertThat(sdk.models().list().data()).extracting(m -> m.id()).containsExactly("tiny");
        }
    }

    @Test
    void streamingWithUsage() {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0))) {
            OpenAIClient sdk = client(server, "unused");
            List<String> pieces = new ArrayList<>();
            List<Long> usage = new ArrayList<>();
            List<String> finish = new ArrayList<>();
            ChatCompletionCreateParams params = question("which moved first")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
            try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> {
                    chunk.usage().ifPresent(u -> usage.add(u.completionTokens()));
                    for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                        choice.delta().content().filter(s -> !s.isEmpty()).ifPresent(pieces::add);
                        choice.finishReason().ifPresent(r -> finish.add(r.asString()));
                    }
                });
            }
            assertThat(pieces).containsExactly("which", " moved", " first");
            assertThat(finish).containsExactly("stop");
            assertThat(usage).containsExactly(3L);
        }
    }

    @Test
    void anImagePartReachesTheBackend() {
        EchoBackend backend = new EchoBackend(null);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        try (OpenAiServer server = OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0))) {
            ChatCompletionContentPart image = ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                    .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                            .url("data:image/png;base64," + Base64.getEncoder().encodeToString(png)).build()).build());
            ChatCompletionContentPart text = ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("what is it").build());
            ChatCompletion completion = client(server, "unused").chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("tiny").addUserMessageOfArrayOfContentParts(List.of(image, text)).maxCompletionTokens(8).build());

            assertThat(completion.choices().get(0).message().content()).hasValue("what is it");
            assertThat(backend.requests.get(0).messages().get(0).content().get(0)).isInstanceOf(ContentPart.Image.class);
            assertThat(backend.mediaBytes).containsExactly(png);
        }
    }

    @Test
    void theSdkSeesAWrongKeyAsUnauthorized() {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0).withApiKey("k"))) {
            assertThatThrownBy(() -> client(server, "wrong").chat().completions().create(question("hi").build()))
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("Incorrect or missing API key");
        }
    }
}
