package dev.framewise.engine.serve;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.model.GoldenCase;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import dev.framewise.engine.remote.OpenAiCompatibleBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * framewise serve running the embedded engine on the tiny fixture, driven by the official OpenAI Java SDK and
 * by our remote backend (the cli module's AskRemoteServerTest drives {@code framewise ask --model URL}): seeded greedy answers must be exactly what
 * the embedded engine gives for the same conversation (and so the fixture's golden tokens).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class TinyModelServeTest {
    private static final int MAX_TOKENS = 16;
    private static final String MODEL_ID = "qwen25vl-tiny";

    private final GoldenCase golden = GoldenCase.named("a_text");
    private final String question = golden.messages().get(0).get("content").asText();
    private EmbeddedBackend embedded;
    private OpenAiServer server;
    private GenerationResult direct;

    @BeforeAll
    void serveTheTinyModel() {
        embedded = EmbeddedBackend.open(TinyModel.dir(), new EmbeddedOptions(Precision.FP32, "cpu"));
        server = OpenAiServer.start(embedded, ServeOptions.defaults(MODEL_ID).withPort(0));
        direct = embedded.generate(request(), GenerationListener.NONE, new CancellationToken());
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (embedded != null) embedded.close();
    }

    /** The golden case as the engine's API states it: greedy, no penalty, past EOS, seed 0, 5 alternatives. */
    private GenerationRequest request() {
        return new GenerationRequest(List.of(ChatMessage.user(question)),
                new GenerationParams(MAX_TOKENS, 0, 1, 0, 1, 0L, List.of(), true, 5, false));
    }

    private OpenAIClient sdk() {
        return OpenAIOkHttpClient.builder().baseUrl(server.baseUri().toString()).apiKey("none").maxRetries(0)
                .timeout(Duration.ofSeconds(60)).build();
    }

    private ChatCompletionCreateParams.Builder sdkRequest() {
        return ChatCompletionCreateParams.builder().model(MODEL_ID).addUserMessage(question).temperature(0.0).seed(0)
                .maxCompletionTokens(MAX_TOKENS).putAdditionalBodyProperty("ignore_eos", JsonValue.from(true));
    }

    /**
     * The same tokens with the same logprobs up to float32 rounding: a run that takes part of its prompt from the
     * prefix cache multiplies fewer rows at once, and libtorch's plain kernels may then sum in another order.
     */
    private static void assertSameTokens(GenerationResult actual, GenerationResult expected) {
        assertThat(actual.tokens()).extracting(TokenEvent::id)
                .containsExactlyElementsOf(expected.tokens().stream().map(TokenEvent::id).toList());
        for (int i = 0; i < expected.tokens().size(); i++) {
            assertThat(actual.tokens().get(i).logprob()).isCloseTo(expected.tokens().get(i).logprob(), within(1e-4));
        }
    }

    @Test
    void theEmbeddedAnswerIsTheGoldenOne() {
        assertThat(direct.tokens()).extracting(TokenEvent::id)
                .containsExactly(java.util.Arrays.stream(golden.greedyTokens()).boxed().toArray(Integer[]::new));
        assertThat(direct.text()).isEqualTo(golden.json().get("greedy").get("text").asText());
    }

    @Test
    void generationsFromAnyThreadRunOnTheOneTorchThread() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        GenerationListener where = new GenerationListener() {
            @Override
            public void onToken(TokenEvent token) {
                threads.add(Thread.currentThread().getName());
            }
        };
        List<GenerationResult> results = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread caller = new Thread(() -> results.add(embedded.generate(request(), where, new CancellationToken())));
            caller.start();
            caller.join();
        }
        assertThat(results).hasSize(2).allSatisfy(r -> assertSameTokens(r, direct));
        assertThat(threads).containsExactly("framewise-torch");
    }

    @Test
    void aRepeatedPromptComesFromThePromptCacheAndItsPrefillRateCountsOnlyWhatRan() {
        GenerationResult again = embedded.generate(request(), GenerationListener.NONE, new CancellationToken());
        assertSameTokens(again, direct);
        int prompt = golden.inputIds().length;
        assertThat(again.timings().promptTokens()).isEqualTo(prompt);
        assertThat(again.timings().cachedPromptTokens()).isEqualTo(prompt);
        assertThat(again.timings().prefillTokensPerSecond()).isZero();
        GenerationResult longer = embedded.generate(new GenerationRequest(List.of(ChatMessage.user(question + " Why?")),
                request().params()), GenerationListener.NONE, new CancellationToken());
        int cached = longer.timings().cachedPromptTokens();
        assertThat(cached).isPositive().isLessThan(longer.timings().promptTokens());
        assertThat(longer.timings().prefillTokensPerSecond()).isEqualTo(
                (longer.timings().promptTokens() - cached) * 1000.0 / longer.timings().prefillMs());
    }

    @Test
    void theSdkGetsTheSameAnswerWithLogprobsAndUsage() {
        ChatCompletion completion = sdk().chat().completions().create(sdkRequest().logprobs(true).topLogprobs(5).build());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).hasValue(direct.text());
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        List<ChatCompletionTokenLogprob> logprobs = choice.logprobs().orElseThrow().content().orElseThrow();
        assertThat(logprobs).extracting(ChatCompletionTokenLogprob::token)
                .containsExactlyElementsOf(direct.tokens().stream().map(TokenEvent::text).toList());
        assertThat(logprobs).extracting(ChatCompletionTokenLogprob::logprob)
                .containsExactlyElementsOf(direct.tokens().stream().map(TokenEvent::logprob).toList());
        assertThat(logprobs.get(0).topLogprobs()).extracting(t -> t.token())
                .containsExactlyElementsOf(direct.tokens().get(0).top().stream().map(t -> "token_id:" + t.id()).toList());
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(golden.inputIds().length);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(MAX_TOKENS);
    }

    @Test
    void theSdkStreamsTheSameAnswer() {
        StringBuilder text = new StringBuilder();
        StringBuilder finish = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions().createStreaming(sdkRequest().build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> {
                choice.delta().content().ifPresent(text::append);
                choice.finishReason().ifPresent(r -> finish.append(r.asString()));
            }));
        }
        assertThat(text.toString()).isEqualTo(direct.text());
        assertThat(finish.toString()).isEqualTo("length");
    }

    @Test
    void theRemoteBackendGetsTheSameResultAsTheEmbeddedOne() {
        try (OpenAiCompatibleBackend remote = new OpenAiCompatibleBackend(RemoteEndpoint.of(server.baseUri().toString(), MODEL_ID, null))) {
            GenerationResult result = remote.generate(request(), GenerationListener.NONE, new CancellationToken());

            assertThat(result.text()).isEqualTo(direct.text());
            assertThat(result.reasoning()).isEqualTo(direct.reasoning());
            assertThat(result.answer()).isEqualTo(direct.answer());
            assertThat(result.finishReason()).isEqualTo(direct.finishReason());
            assertThat(result.tokens()).extracting(TokenEvent::text)
                    .containsExactlyElementsOf(direct.tokens().stream().map(TokenEvent::text).toList());
            assertThat(result.tokens()).extracting(TokenEvent::logprob)
                    .containsExactlyElementsOf(direct.tokens().stream().map(TokenEvent::logprob).toList());
            for (int i = 0; i < MAX_TOKENS; i++) {
                assertThat(result.tokens().get(i).top()).as("alternatives of token %d", i).isEqualTo(direct.tokens().get(i).top());
            }
            assertThat(result.timings().promptTokens()).isEqualTo(golden.inputIds().length);
            assertThat(result.tokens()).extracting(TokenEvent::id).containsOnly(-1); // the API names tokens by text
        }
        try (OpenAiCompatibleBackend remote = new OpenAiCompatibleBackend(
                RemoteEndpoint.of(server.baseUri().toString(), MODEL_ID, null).withTokenIds(true))) {
            GenerationResult result = remote.generate(request(), GenerationListener.NONE, new CancellationToken());
            assertSameTokens(result, direct);
            assertThat(result.text()).isEqualTo(direct.text());
        }
    }
}
