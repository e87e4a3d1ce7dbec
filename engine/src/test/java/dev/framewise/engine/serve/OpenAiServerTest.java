package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** framewise serve over loopback with a backend whose answers are known: protocol, limits and security. */
@Timeout(30)
class OpenAiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"is it safe\"}]";
    private final HttpClient http = HttpClient.newHttpClient();

    private static ServeOptions options() {
        return ServeOptions.defaults("tiny").withPort(0);
    }

    private HttpResponse<String> post(OpenAiServer server, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) request.header("Authorization", "Bearer " + key);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(OpenAiServer server, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (key != null) request.header("Authorization", "Bearer " + key);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws IOException {
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.has("type")).isTrue();
        assertThat(error.has("code")).isTrue();
        assertThat(response.body()).doesNotContain("\tat ", "Exception");
        return error;
    }

    @Test
    void aNonLoopbackBindWithoutAKeyWarns() {
        assertThat(BindSafety.warning("0.0.0.0", null)).hasValueSatisfying(w -> assertThat(w).contains("--api-key"));
        assertThat(BindSafety.warning("192.0.2.10", null)).isPresent();
        assertThat(BindSafety.warning("0.0.0.0", "secret")).isEmpty();
        assertThat(BindSafety.warning("127.0.0.1", null)).isEmpty();
        assertThat(BindSafety.warning("localhost", null)).isEmpty();
        assertThat(BindSafety.warning("::1", null)).isEmpty();
    }

    @Test
    void defaultsBindLoopbackOnly() {
        assertThat(ServeOptions.defaults("m").host()).isEqualTo("127.0.0.1");
        assertThat(ServeOptions.defaults("m").apiKey()).isNull();
        assertThat(ServeOptions.defaults("m").mediaRoot()).isNull();
    }

    @Test
    void aWrongOrMissingKeyIs401AndHealthNeedsNone() throws Exception {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), options().withApiKey("s3cret"))) {
            HttpResponse<String> wrong = post(server, "/v1/chat/completions", QUESTION + "}", "guess");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(error(wrong).path("code").asText()).isEqualTo("invalid_api_key");
            assertThat(post(server, "/v1/chat/completions", QUESTION + "}", null).statusCode()).isEqualTo(401);
            assertThat(get(server, "/v1/models", "guess").statusCode()).isEqualTo(401);
            assertThat(get(server, "/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> right = post(server, "/v1/chat/completions", QUESTION + "}", "s3cret");
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(right.body()).at("/choices/0/message/content").asText()).isEqualTo("is it safe");
        }
    }

    @Test
    void fileUrlsAreReadOnlyUnderTheAllowedRoot(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("media"));
        Path inside = Files.write(root.resolve("cup.png"), new byte[] {1});
        Path outside = Files.write(dir.resolve("secret.png"), new byte[] {2});
        Files.createSymbolicLink(root.resolve("link.png"), outside);
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = OpenAiServer.start(backend, options().withMediaRoot(root))) {
            assertThat(post(server, "/v1/chat/completions", imageQuestion(inside.toUri().toString()), null).statusCode()).isEqualTo(200);
            assertThat(((ContentPart.Image) backend.requests.get(0).messages().get(0).content().get(0)).path()).isEqualTo(inside);

            for (String url : List.of(outside.toUri().toString(), root.toUri() + "../secret.png", root.resolve("link.png").toUri().toString())) {
                HttpResponse<String> refused = post(server, "/v1/chat/completions", imageQuestion(url), null);
                assertThat(refused.statusCode()).as(url).isEqualTo(403);
                assertThat(error(refused).path("message").asText()).contains("outside the media folder");
            }
        }
        try (OpenAiServer server = OpenAiServer.start(backend, options())) {
            HttpResponse<String> disabled = post(server, "/v1/chat/completions", imageQuestion(inside.toUri().toString()), null);
            assertThat(disabled.statusCode()).isEqualTo(403);
            assertThat(error(disabled).path("message").asText()).contains("--allow-media-root");
        }
        assertThat(backend.requests).hasSize(1);
    }

    private static String imageQuestion(String url) {
        return "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                + url + "\"}},{\"type\":\"text\",\"text\":\"what is it\"}]}]}";
    }

    @Test
    void dataUrlsBecomeTemporaryFilesForTheRequestOnly() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        try (OpenAiServer server = OpenAiServer.start(backend, options())) {
            assertThat(post(server, "/v1/chat/completions", imageQuestion(png), null).statusCode()).isEqualTo(200);
        }
        Path file = ((ContentPart.Image) backend.requests.get(0).messages().get(0).content().get(0)).path();
        assertThat(file.getFileName().toString()).endsWith(".png");
        assertThat(backend.mediaBytes).containsExactly(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        while (Files.exists(file)) {
            Thread.sleep(10); // removed once the answer is sent, maybe just after the client has it (bounded by the timeout)
        }
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), options().withLimits(1, 4, 2048))) {
            String big = QUESTION.replace("is it safe", "x".repeat(4096)) + "}";
            HttpResponse<String> response = post(server, "/v1/chat/completions", big, null);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(error(response).path("message").asText()).contains("2048 bytes");
        }
    }

    @Test
    void aFullQueueIs429() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EchoBackend backend = new EchoBackend(release);
        ExecutorService clients = Executors.newSingleThreadExecutor();
        try (OpenAiServer server = OpenAiServer.start(backend, options().withLimits(1, 0, ServeOptions.DEFAULT_MAX_BODY_BYTES))) {
            Future<HttpResponse<String>> first = clients.submit(() -> post(server, "/v1/chat/completions", QUESTION + "}", null));
            assertThat(backend.entered.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> refused = post(server, "/v1/chat/completions", QUESTION + "}", null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(error(refused).path("type").asText()).isEqualTo("rate_limit_error");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theGateQueuesUpToItsBoundThenRefuses() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 1);
        AdmissionGate.Permit running = gate.enter();
        CountDownLatch admitted = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try (AdmissionGate.Permit ignored = gate.enter()) {
                admitted.countDown();
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.sleep(5); // until the waiter is parked in the queue (bounded by the class timeout)
        }
        assertThatThrownBy(gate::enter).isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status).isEqualTo(429));
        assertThat(admitted.getCount()).isEqualTo(1);
        running.close();
        assertThat(admitted.await(5, TimeUnit.SECONDS)).isTrue();
        waiter.join(5000);
        gate.enter().close(); // everything was given back
    }

    @Test
    void streamsChunksWithUsageAndLogprobs() throws Exception {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), options())) {
            HttpResponse<String> response = post(server, "/v1/chat/completions", QUESTION
                    + ",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"logprobs\":true,\"top_logprobs\":2}", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            List<JsonNode> events = new ArrayList<>();
            for (String line : response.body().split("\n\n")) {
                assertThat(line).startsWith("data: ");
                if (!line.equals("data: [DONE]")) events.add(JSON.readTree(line.substring(6)));
            }
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
            assertThat(events).hasSize(1 + 3 + 1 + 1);
            assertThat(events.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(events.subList(1, 4)).extracting(e -> e.at("/choices/0/delta/content").asText())
                    .containsExactly("is", " it", " safe");
            JsonNode logprob = events.get(2).at("/choices/0/logprobs/content/0");
            assertThat(logprob.path("token").asText()).isEqualTo(" it");
            assertThat(logprob.path("logprob").asDouble()).isEqualTo(-0.5);
            assertThat(logprob.at("/top_logprobs/1/token").asText()).isEqualTo("token_id:7");
            assertThat(events.get(4).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            JsonNode usage = events.get(5).path("usage");
            assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(3);
            assertThat(usage.path("completion_tokens").asInt()).isEqualTo(3);
            assertThat(usage.path("total_tokens").asInt()).isEqualTo(6);
        }
    }

    @Test
    void decodesSamplingParameters() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = OpenAiServer.start(backend, options())) {
            HttpResponse<String> response = post(server, "/v1/chat/completions", QUESTION
                    + ",\"temperature\":0.6,\"top_p\":0.95,\"max_tokens\":2,\"seed\":42,\"stop\":\"END\",\"top_k\":5,\"repetition_penalty\":1.05,"
                    + "\"presence_penalty\":1.5,\"frequency_penalty\":-0.5}", null);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
            assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("is it");
            assertThat(body.path("object").asText()).isEqualTo("chat.completion");
            assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        }
        GenerationParams params = backend.requests.get(0).params();
        assertThat(params).isEqualTo(new GenerationParams(2, 0.6, 0.95, 5, 1.05, 42L, List.of("END"), false, 0, false,
                1.5, -0.5));
    }

    @Test
    void badRequestsGetOpenAiErrorsNamingTheField() throws Exception {
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), options())) {
            record Case(String body, int status, String says) {
            }
            for (Case c : List.of(
                    new Case(QUESTION + ",\"temperature\":\"hot\"}", 400, "temperature: must be a number"),
                    new Case(QUESTION + ",\"top_p\":2}", 400, "top-p must be in (0, 1]"),
                    new Case("{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 404, "serves 'tiny'"),
                    new Case("{\"messages\":[{\"role\":\"tool\",\"content\":\"hi\"}]}", 400, "messages[0].role"),
                    new Case("{\"messages\":[]}", 400, "messages: give a non-empty list"),
                    new Case("{not json", 400, "not valid JSON"),
                    new Case(imageQuestion("ftp://host/x.png"), 400, "give a data:, http(s): or file:// URL"))) {
                HttpResponse<String> response = post(server, "/v1/chat/completions", c.body, null);
                assertThat(response.statusCode()).as(c.body).isEqualTo(c.status);
                assertThat(error(response).path("message").asText()).as(c.body).contains(c.says);
            }
            assertThat(get(server, "/v2/nothing", null).statusCode()).isEqualTo(404);
            assertThat(get(server, "/v1/chat/completions", null).statusCode()).isEqualTo(405);
            JsonNode models = JSON.readTree(get(server, "/v1/models", null).body());
            assertThat(models.at("/data/0/id").asText()).isEqualTo("tiny");
        }
    }

    @Test
    void aBackendFailureIs500WithoutAStackTrace() throws Exception {
        InferenceBackend exploding = new InferenceBackend() {
            @Override
            public String describe() {
                return "exploding";
            }

            @Override
            public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
                throw new IllegalStateException("internal detail that must stay in the log");
            }

            @Override
            public void close() {
            }
        };
        try (OpenAiServer server = OpenAiServer.start(exploding, options())) {
            HttpResponse<String> response = post(server, "/v1/chat/completions", QUESTION + "}", null);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(error(response).path("message").asText()).contains("log");
            assertThat(response.body()).doesNotContain("internal detail");
        }
    }

    @Test
    void httpMediaIsFetchedWithinSizeAndTimeBounds() throws Exception {
        byte[] small = {(byte) 0x89, 'P', 'N', 'G'};
        CountDownLatch release = new CountDownLatch(1);
        HttpServer media = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        media.setExecutor(Executors.newCachedThreadPool());
        media.createContext("/", exchange -> {
            try (exchange) {
                switch (exchange.getRequestURI().getPath()) {
                    case "/small.png" -> {
                        exchange.getResponseHeaders().set("Content-Type", "image/png");
                        exchange.sendResponseHeaders(200, small.length);
                        exchange.getResponseBody().write(small);
                    }
                    case "/big.png" -> {
                        exchange.sendResponseHeaders(200, 10_000);
                        exchange.getResponseBody().write(new byte[10_000]);
                    }
                    case "/slow.png" -> {
                        exchange.sendResponseHeaders(200, 100);
                        exchange.getResponseBody().write(new byte[10]);
                        exchange.getResponseBody().flush();
                        release.await(10, TimeUnit.SECONDS);
                    }
                    default -> exchange.sendResponseHeaders(404, -1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        media.start();
        String base = "http://127.0.0.1:" + media.getAddress().getPort();
        EchoBackend backend = new EchoBackend(null);
        ServeOptions options = new ServeOptions("tiny", "127.0.0.1", 0, null, 1, 4, null, ServeOptions.DEFAULT_MAX_BODY_BYTES,
                1000, Duration.ofMillis(2000), 16).withMediaUrls(new MediaUrlPolicy(true, java.util.Set.of("127.0.0.1")));
        try (OpenAiServer server = OpenAiServer.start(backend, options)) {
            assertThat(post(server, "/v1/chat/completions", imageQuestion(base + "/small.png"), null).statusCode()).isEqualTo(200);
            assertThat(backend.mediaBytes).containsExactly(small);

            HttpResponse<String> big = post(server, "/v1/chat/completions", imageQuestion(base + "/big.png"), null);
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(error(big).path("message").asText()).contains("larger than the server's limit of 1000 bytes");

            HttpResponse<String> slow = post(server, "/v1/chat/completions", imageQuestion(base + "/slow.png"), null);
            assertThat(slow.statusCode()).isEqualTo(400);
            assertThat(error(slow).path("message").asText()).contains("no complete answer within 2.0 s");

            HttpResponse<String> missing = post(server, "/v1/chat/completions", imageQuestion(base + "/none.png"), null);
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(error(missing).path("message").asText()).contains("answered HTTP 404");
        } finally {
            release.countDown();
            media.stop(0);
        }
    }
}
