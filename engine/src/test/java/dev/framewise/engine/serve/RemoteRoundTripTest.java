package dev.framewise.engine.serve;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.remote.OpenAiCompatibleBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import dev.framewise.engine.remote.RemoteHttpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote backend talking to framewise serve: both ends of the protocol are ours, so everything must survive the trip. */
@Timeout(30)
class RemoteRoundTripTest {

    private static GenerationRequest request(List<ContentPart> parts) {
        return new GenerationRequest(List.of(ChatMessage.system("be brief"), ChatMessage.user(parts)),
                new GenerationParams(16, 0.6, 0.9, 0, 1, 7L, List.of(), false, 2, false, 1.5, 0.25));
    }

    @Test
    void aStreamedAnswerSurvivesTheTrip(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("cup.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        EchoBackend echo = new EchoBackend(null);
        try (OpenAiServer server = OpenAiServer.start(echo, ServeOptions.defaults("tiny").withPort(0).withApiKey("k"));
             OpenAiCompatibleBackend remote = new OpenAiCompatibleBackend(RemoteEndpoint.of(server.baseUri().toString(), "tiny", "k"))) {
            GenerationResult result = remote.generate(request(List.of(ContentPart.Image.of(image),
                    new ContentPart.Text("the cup is still"))), GenerationListener.NONE, new CancellationToken());

            assertThat(result.text()).isEqualTo("the cup is still");
            assertThat(result.answer()).isEqualTo("the cup is still");
            assertThat(result.finishReason()).isEqualTo(FinishReason.EOS);
            assertThat(result.seed()).isEqualTo(7L);
            assertThat(result.timings().promptTokens()).isEqualTo(3);
            assertThat(result.tokens()).extracting(TokenEvent::text).containsExactly("the", " cup", " is", " still");
            assertThat(result.tokens()).extracting(TokenEvent::logprob).containsOnly(-0.5);
            assertThat(result.tokens().get(2).top()).containsExactly(new TokenEvent.TopLogprob(102, -0.5), new TokenEvent.TopLogprob(7, -2.0));

            GenerationRequest received = echo.requests.get(0);
            assertThat(received.params()).isEqualTo(new GenerationParams(16, 0.6, 0.9, 0, 1, 7L, List.of(), false, 2, false,
                    1.5, 0.25));
            assertThat(received.messages().get(0)).isEqualTo(ChatMessage.system("be brief"));
            assertThat(echo.mediaBytes).containsExactly(Files.readAllBytes(image));
            assertThat(remote.listModels()).containsExactly("tiny");
        }
    }

    @Test
    void theServersRefusalsReachTheUserInItsOwnWords() throws Exception {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0).withApiKey("k"))) {
            try (OpenAiCompatibleBackend wrongKey = new OpenAiCompatibleBackend(RemoteEndpoint.of(server.baseUri().toString(), "tiny", "nope"))) {
                assertThatThrownBy(() -> wrongKey.generate(request(List.of(new ContentPart.Text("hi"))), GenerationListener.NONE, new CancellationToken()))
                        .isInstanceOf(RemoteHttpException.class)
                        .hasMessageContaining("HTTP 401: Incorrect or missing API key");
            }
            try (OpenAiCompatibleBackend wrongModel = new OpenAiCompatibleBackend(RemoteEndpoint.of(server.baseUri().toString(), "big", "k"))) {
                assertThatThrownBy(() -> wrongModel.generate(request(List.of(new ContentPart.Text("hi"))), GenerationListener.NONE, new CancellationToken()))
                        .isInstanceOf(RemoteHttpException.class)
                        .hasMessageContaining("no model 'big'")
                        .hasMessageContaining("this server serves 'tiny'");
            }
        }
    }

    @Test
    void aClientThatCancelsStopsTheServersGeneration() throws Exception {
        EchoBackend slow = new EchoBackend(null, 100);
        String words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        try (OpenAiServer server = OpenAiServer.start(slow, ServeOptions.defaults("tiny").withPort(0));
             OpenAiCompatibleBackend remote = new OpenAiCompatibleBackend(RemoteEndpoint.of(server.baseUri().toString(), "tiny", null))) {
            CancellationToken cancel = new CancellationToken();
            GenerationResult result = remote.generate(request(List.of(new ContentPart.Text(words))), new GenerationListener() {
                @Override
                public void onToken(TokenEvent token) {
                    cancel.cancel();
                }
            }, cancel);
            assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(result.text()).isEqualTo("one");
            while (slow.finishes.isEmpty()) {
                Thread.sleep(20); // the server notices at its next writes (bounded by the class timeout)
            }
            assertThat(slow.finishes).containsExactly(FinishReason.CANCELLED);
        }
    }
}
