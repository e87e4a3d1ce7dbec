package dev.framewise.engine.remote;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.TestClips;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.framewise.engine.remote.ScriptedServer.delta;
import static dev.framewise.engine.remote.ScriptedServer.event;
import static dev.framewise.engine.remote.ScriptedServer.finish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The remote backend against a scripted loopback server: normal streams and every way a server can fail. */
@Timeout(20)
class OpenAiCompatibleBackendTest {

    private static final Function<ContentPart.Video, SampledFrames> NO_VIDEO = v -> {
        throw new AssertionError("no video expected");
    };
    private static final Duration SHORT = Duration.ofMillis(400);

    private static GenerationRequest question() {
        return new GenerationRequest(List.of(ChatMessage.user("Is the cup safe to grasp?")), GenerationParams.greedy(32));
    }

    private static GenerationResult ask(RemoteEndpoint endpoint, List<TokenEvent> seen) {
        try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(endpoint, NO_VIDEO)) {
            return backend.generate(question(), new GenerationListener() {
                @Override
                public void onToken(TokenEvent token) {
                    seen.add(token);
                }
            }, new CancellationToken());
        }
    }

    @Test
    void reasoningContentIsMappedBackIntoThinkTags() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
            event(out, delta("reasoning_content", "The cup "));
            event(out, delta("reasoning_content", "is still."));
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<answer>yes</answer>\"},\"logprobs\":{\"content\":"
                    + "[{\"token\":\"token_id:42\",\"logprob\":-0.25,\"top_logprobs\":[{\"token\":\"token_id:42\",\"logprob\":-0.25},"
                    + "{\"token\":\"no\",\"logprob\":-1.5}]}]}}]}");
            event(out, finish("stop"));
            event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":4,\"total_tokens\":21}}");
            event(out, "[DONE]");
        })) {
            List<TokenEvent> seen = new ArrayList<>();
            GenerationResult result = ask(server.endpoint("sk-test"), seen);

            assertThat(result.text()).isEqualTo("<think>The cup is still.</think><answer>yes</answer>");
            assertThat(result.reasoning()).isEqualTo("The cup is still.");
            assertThat(result.answer()).isEqualTo("yes");
            assertThat(result.finishReason()).isEqualTo(FinishReason.EOS);
            assertThat(result.timings().promptTokens()).isEqualTo(17);
            assertThat(result.timings().generatedTokens()).isEqualTo(4);
            assertThat(seen).extracting(TokenEvent::text)
                    .containsExactly("<think>The cup ", "is still.", "</think><answer>yes</answer>");
            assertThat(seen.get(0).id()).isEqualTo(ChatStreamAccumulator.UNKNOWN_ID);
            assertThat(seen.get(0).logprob()).isNaN();
            TokenEvent answer = seen.get(2);
            assertThat(answer.id()).isEqualTo(42);
            assertThat(answer.logprob()).isEqualTo(-0.25);
            assertThat(answer.top()).containsExactly(new TokenEvent.TopLogprob(42, -0.25),
                    new TokenEvent.TopLogprob(ChatStreamAccumulator.UNKNOWN_ID, -1.5));
            assertThat(result.tokens()).isEqualTo(seen);
            assertThat(server.authorizations).containsExactly("Bearer sk-test");
            assertThat(server.bodies.get(0)).contains("\"stream\":true", "\"model\":\"cosmos\"", "\"seed\":0",
                    "\"temperature\":0.0", "\"max_tokens\":32", "\"logprobs\":true", "\"top_logprobs\":5");
        }
    }

    @Test
    void thinkTagsInTheContentAreSplitLikeTheEmbeddedEngine() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            for (String piece : List.of("<think>\n", "Left first.", "\n</think>\n\n<answer>\n", "the left one", "\n</answer>")) {
                event(out, delta("content", piece));
            }
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
            event(out, "[DONE]");
        })) {
            List<TokenEvent> seen = new ArrayList<>();
            GenerationResult result = ask(server.endpoint(null), seen);

            assertThat(result.reasoning()).isEqualTo("Left first.");
            assertThat(result.answer()).isEqualTo("the left one");
            assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(seen).hasSize(5);
            assertThat(seen).extracting(TokenEvent::index).containsExactly(0, 1, 2, 3, 4);
            assertThat(server.authorizations).containsExactly("null");
        }
    }

    @Test
    void aStopStringNamedByTheServerIsReportedAsSuch() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, delta("content", "one two"));
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":\"three\"}]}");
            event(out, "[DONE]");
        })) {
            assertThat(ask(server.endpoint(null), new ArrayList<>()).finishReason()).isEqualTo(FinishReason.STOP_STRING);
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            ScriptedServer.sse(exchange).flush();
            server(exchange).released.await();
        })) {
            holder = server;
            RemoteEndpoint endpoint = server.endpoint(null).withTimeouts(SHORT, SHORT);
            assertThatThrownBy(() -> ask(endpoint, new ArrayList<>()))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("sent nothing for 400 ms");
        }
    }

    @Test
    void aServerThatNeverSendsHeadersTimesOut() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> server(exchange).released.await())) {
            holder = server;
            RemoteEndpoint endpoint = server.endpoint(null).withTimeouts(SHORT, SHORT);
            assertThatThrownBy(() -> ask(endpoint, new ArrayList<>()))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("sent no response within 400 ms");
        }
    }

    @Test
    void aStreamThatFallsSilentMidAnswerKeepsWhatArrived() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, delta("content", "The robot"));
            server(exchange).released.await();
        })) {
            holder = server;
            GenerationResult result = ask(server.endpoint(null).withTimeouts(SHORT, SHORT), new ArrayList<>());
            assertThat(result.text()).isEqualTo("The robot");
            assertThat(result.finishReason()).isEqualTo(FinishReason.INCOMPLETE);
        }
    }

    @Test
    void httpErrorsCarryTheServersOwnWords() throws Exception {
        record Case(int status, String body, String expected, String advice) {
        }
        List<Case> cases = List.of(
                new Case(500, "{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"InternalServerError\",\"code\":500}}",
                        "HTTP 500: CUDA out of memory", "server's log"),
                new Case(401, "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"authentication_error\"}}",
                        "HTTP 401: Invalid API key", "--api-key"),
                new Case(403, "forbidden", "HTTP 403: forbidden", "--api-key"),
                new Case(404, "{\"object\":\"error\",\"message\":\"The model `cosmos` does not exist.\",\"code\":404}",
                        "no model 'cosmos'", "The model `cosmos` does not exist."),
                new Case(400, "{\"error\":{\"message\":\"This model's maximum context length is 4096 tokens. However, you requested 9000 tokens.\"}}",
                        "HTTP 400: This model's maximum context length is 4096 tokens", "fewer frames"),
                new Case(413, "{\"detail\":\"Request Entity Too Large\"}", "HTTP 413: \"Request Entity Too Large\"", "--max-pixels"));
        for (Case c : cases) {
            try (ScriptedServer server = new ScriptedServer((exchange, body) -> ScriptedServer.json(exchange, c.status, c.body))) {
                assertThatThrownBy(() -> ask(server.endpoint(null), new ArrayList<>()))
                        .isInstanceOfSatisfying(RemoteHttpException.class, e -> assertThat(e.status()).isEqualTo(c.status))
                        .hasMessageContaining(c.expected)
                        .hasMessageContaining(c.advice);
            }
        }
    }

    @Test
    void aConnectionCutMidStreamKeepsThePartialAnswerAndMarksItIncomplete() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    drainRequest(socket);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 100000\r\n\r\n"
                            + "data: " + delta("content", "<think>The cup") + "\n\n"
                            + "data: " + delta("content", " is") + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    // closing now, 99 900 bytes short of the promised length, is a server that died mid-answer
                } catch (IOException ignored) {
                    // the test sees the outcome through the client
                }
            });
            server.start();
            GenerationResult result = ask(RemoteEndpoint.of("http://127.0.0.1:" + listener.getLocalPort() + "/v1", "cosmos", null),
                    new ArrayList<>());
            server.join(5000);
            assertThat(result.text()).isEqualTo("<think>The cup is");
            assertThat(result.reasoning()).isEqualTo("The cup is");
            assertThat(result.finishReason()).isEqualTo(FinishReason.INCOMPLETE);
        }
    }

    /** Reads the whole request (headers and body) so that closing the socket cannot reset the response. */
    private static void drainRequest(Socket socket) throws IOException {
        var in = socket.getInputStream();
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) return;
            headers.append((char) b);
        }
        var length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        if (length.find()) in.readNBytes(Integer.parseInt(length.group(1)));
    }

    @Test
    void aStreamThatEndsWithoutFinishIsIncomplete() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, delta("content", "half an"));
        })) {
            GenerationResult result = ask(server.endpoint(null), new ArrayList<>());
            assertThat(result.text()).isEqualTo("half an");
            assertThat(result.finishReason()).isEqualTo(FinishReason.INCOMPLETE);
        }
    }

    @Test
    void malformedEventsAreAClearError() throws Exception {
        for (String bad : List.of("{not json", "[1, 2]", "{\"choices\":\"oops\"}")) {
            try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
                OutputStream out = ScriptedServer.sse(exchange);
                event(out, delta("content", "ok"));
                event(out, bad);
            })) {
                assertThatThrownBy(() -> ask(server.endpoint(null), new ArrayList<>()))
                        .isInstanceOf(EngineException.class)
                        .hasMessageContaining("malformed event")
                        .hasMessageContaining(bad);
            }
        }
    }

    @Test
    void aWebPageInsteadOfAStreamIsAClearError() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("<html><body>Welcome</body></html>".getBytes(StandardCharsets.UTF_8));
        })) {
            assertThatThrownBy(() -> ask(server.endpoint(null), new ArrayList<>()))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("answered with text/html, not an event stream");
        }
    }

    @Test
    void anEndlessLineIsMalformedNotAMemoryProblem() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            out.write("data: ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i <= SseEventReader.MAX_LINE_CHARS / block.length; i++) out.write(block);
            out.flush();
        })) {
            assertThatThrownBy(() -> ask(server.endpoint(null), new ArrayList<>()))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("malformed event")
                    .hasMessageContaining("longer than " + SseEventReader.MAX_LINE_CHARS);
        }
    }

    @Test
    void anErrorEventMidStreamIsReportedWithTheServersWords() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, delta("content", "ok"));
            event(out, "{\"error\":{\"message\":\"engine dead\",\"type\":\"InternalServerError\"}}");
        })) {
            assertThatThrownBy(() -> ask(server.endpoint(null), new ArrayList<>()))
                    .isInstanceOf(EngineException.class).hasMessageContaining("stopped with an error: engine dead");
        }
    }

    @Test
    void cancellingClosesTheStreamAndKeepsWhatArrived() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, delta("content", "first"));
            server(exchange).released.await();
        })) {
            holder = server;
            CancellationToken cancel = new CancellationToken();
            try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(server.endpoint(null), NO_VIDEO)) {
                long start = System.nanoTime();
                GenerationResult result = backend.generate(question(), new GenerationListener() {
                    @Override
                    public void onToken(TokenEvent token) {
                        cancel.cancel();
                    }
                }, cancel);
                assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
                assertThat(result.text()).isEqualTo("first");
                // the default read timeout is minutes: returning at all shows the stream was closed
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void cancellingWhileWaitingForTheResponseReturnsAtOnce() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> server(exchange).released.await())) {
            holder = server;
            CancellationToken cancel = new CancellationToken();
            try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(server.endpoint(null), NO_VIDEO)) {
                Thread canceller = new Thread(() -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ignored) {
                        return;
                    }
                    cancel.cancel();
                });
                canceller.start();
                GenerationResult result = backend.generate(question(), GenerationListener.NONE, cancel);
                assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
                assertThat(result.tokens()).isEmpty();
            }
        }
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RemoteEndpoint endpoint = RemoteEndpoint.of("http://127.0.0.1:" + port + "/v1", "cosmos", null);
        assertThatThrownBy(() -> ask(endpoint, new ArrayList<>()))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("could not connect to http://127.0.0.1:" + port + "/v1/chat/completions: connection refused");
    }

    @Test
    void listsTheServersModels() throws Exception {
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> ScriptedServer.json(exchange, 200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"nvidia/Cosmos-Reason1-7B\",\"object\":\"model\"},{\"id\":\"qwen\",\"object\":\"model\"}]}"));
             OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(server.endpoint(null), NO_VIDEO)) {
            assertThat(backend.listModels()).containsExactly("nvidia/Cosmos-Reason1-7B", "qwen");
        }
    }

    @Test
    void aServerWithoutVideoGetsTheSampledFramesWithTheirTimes(@TempDir Path dir) throws Exception {
        Path video = Files.write(dir.resolve("clip.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        RgbImage red = new RgbImage(2, 2, new byte[] {(byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, 0, 0});
        SampledFrames frames = new SampledFrames(List.of(red, red), new long[] {0, 30}, new double[] {0.0, 1.25}, 28, 28, 2.0);
        List<ContentPart.Video> sampled = new ArrayList<>();
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            if (body.contains("video_url")) {
                ScriptedServer.json(exchange, 400, "{\"error\":{\"message\":\"Unsupported content part type: 'video_url'\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, delta("content", "red"));
            event(out, finish("stop"));
            event(out, "[DONE]");
        });
             OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(server.endpoint(null), v -> {
                 sampled.add(v);
                 return frames;
             })) {
            GenerationRequest request = new GenerationRequest(List.of(ChatMessage.user(List.of(
                    ContentPart.Video.of(video), new ContentPart.Text("What colour?")))), GenerationParams.greedy(8));
            List<List<FrameRef>> announced = new ArrayList<>();
            GenerationListener listener = new GenerationListener() {
                @Override
                public void onFrames(List<FrameRef> f) {
                    announced.add(f);
                }
            };
            GenerationResult first = backend.generate(request, listener, new CancellationToken());
            GenerationResult second = backend.generate(request, listener, new CancellationToken());

            assertThat(first.text()).isEqualTo("red");
            assertThat(first.frames()).containsExactly(new FrameRef(0, 0.0), new FrameRef(30, 1.25));
            assertThat(announced).containsExactly(first.frames(), second.frames());
            assertThat(server.bodies).hasSize(3); // the refused video, then frames twice: the refusal is remembered
            assertThat(server.bodies.get(0)).contains("\"video_url\":{\"url\":\"data:video/mp4;base64,AAAAGGZ0eXA=\"}");
            assertThat(server.bodies.get(1)).doesNotContain("video_url")
                    .contains("Frame 1 at 0.00 s:", "Frame 2 at 1.25 s:", "data:image/jpeg;base64,");
            assertThat(sampled).hasSize(2);
        }
    }

    @Test
    void aRejectionThatIsNotAboutVideoIsNotRetried(@TempDir Path dir) throws Exception {
        Path video = Files.write(dir.resolve("clip.mp4"), new byte[] {1, 2, 3});
        try (ScriptedServer server = new ScriptedServer((exchange, body) ->
                ScriptedServer.json(exchange, 400, "{\"error\":{\"message\":\"too many tokens\"}}"));
             OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(server.endpoint(null), NO_VIDEO)) {
            GenerationRequest request = new GenerationRequest(List.of(ChatMessage.user(List.of(ContentPart.Video.of(video)))),
                    GenerationParams.greedy(8));
            assertThatThrownBy(() -> backend.generate(request, GenerationListener.NONE, new CancellationToken()))
                    .hasMessageContaining("too many tokens");
            assertThat(server.bodies).hasSize(1);
        }
    }

    @Test
    void aVideoThatAsksForTheTimestampOverlayIsRefusedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
        Path video = Files.write(dir.resolve("clip.mp4"), new byte[] {1, 2, 3});
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> ScriptedServer.json(exchange, 500, "{}"));
             OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(server.endpoint(null), NO_VIDEO)) {
            GenerationRequest request = new GenerationRequest(List.of(ChatMessage.user(List.of(
                    ContentPart.Video.of(video).withTimestampOverlay(true)))), GenerationParams.greedy(8));
            assertThatThrownBy(() -> backend.generate(request, GenerationListener.NONE, new CancellationToken()))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("the timestamp overlay is drawn by the model loaded in Framewise; a server cannot be asked "
                            + "for it: turn the overlay off for a server's model");
            assertThat(server.bodies).isEmpty();
        }
    }

    /** Scripts run before the server variable is assigned; tests that wait on the latch set this first. */
    private static volatile ScriptedServer holder;

    private static ScriptedServer server(com.sun.net.httpserver.HttpExchange exchange) {
        return holder;
    }

    @Test
    void framesModeSendsTheFramesTheEmbeddedEngineWouldSample(@TempDir Path dir) throws Exception {
        // 3 s at 15 fps: qwen-vl-utils takes round_to_2(3 s x 2 fps) = 6 frames, linspace(0, 44, 6).round()
        Path clip = TestClips.write(dir.resolve("clip.mp4"), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_H264, 45, 15));
        try (ScriptedServer server = new ScriptedServer((exchange, body) -> {
            OutputStream out = ScriptedServer.sse(exchange);
            event(out, delta("content", "bars"));
            event(out, finish("stop"));
            event(out, "[DONE]");
        });
             OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(server.endpoint(null).withVideoMode(VideoMode.FRAMES))) {
            GenerationRequest request = new GenerationRequest(List.of(ChatMessage.user(List.of(
                    ContentPart.Video.of(clip), new ContentPart.Text("What changes?")))), GenerationParams.greedy(8));
            GenerationResult result = backend.generate(request, GenerationListener.NONE, new CancellationToken());

            long[] indices = {0, 9, 18, 26, 35, 44};
            assertThat(result.frames()).extracting(FrameRef::index).containsExactly(0L, 9L, 18L, 26L, 35L, 44L);
            for (int i = 0; i < indices.length; i++) {
                assertThat(result.frames().get(i).timestampSeconds()).isCloseTo(indices[i] / 15.0, within(1e-6));
            }
            String body = server.bodies.get(0);
            assertThat(body).doesNotContain("video_url").contains("shown as 6 frames", "Frame 6 at 2.93 s:");
            assertThat(body.split("data:image/jpeg;base64,", -1)).hasSize(7);
        }
    }
}
