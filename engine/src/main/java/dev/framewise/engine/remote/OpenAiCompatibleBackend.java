package dev.framewise.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.reasoning.ParsedResponse;
import dev.framewise.engine.reasoning.ReasoningParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An {@link InferenceBackend} on any OpenAI-compatible chat-completions server (vLLM, NVIDIA NIM,
 * llama-server, {@code framewise serve}). Always streams (SSE), so the first token shows as soon as the
 * server has it and a stream cut mid-answer keeps what arrived ({@link FinishReason#INCOMPLETE}).
 *
 * <p>What a server does not report: prompt token ids ({@code promptTokenIds} is empty; the prompt length
 * is in {@link Timings#promptTokens()} when the server sends {@code usage}) and generated token ids (see
 * {@link ChatStreamAccumulator} for what token events hold). Nothing is retried: a generation that failed
 * half-way is reported, never silently started again. The one resend is in {@link VideoMode#AUTO}, when the
 * server refuses a video before generating anything: the request goes again with the sampled frames.
 *
 * <p>Thread-safe: concurrent {@link #generate} calls share one HTTP client.
 */
public final class OpenAiCompatibleBackend implements InferenceBackend {
    /** Longest error body read from a server. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** Longest body of GET /models or of a non-streamed completion. */
    private static final int MAX_JSON_BODY = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteEndpoint endpoint;
    private final HttpClient http;
    private final ScheduledExecutorService watchdogs;
    private final ChatRequestEncoder encoder;
    /** Set once the server has refused a video in AUTO mode: later requests send frames straight away. */
    private final AtomicBoolean serverRefusesVideo = new AtomicBoolean();

    /** A backend that samples videos here (for {@link VideoMode#FRAMES}) exactly as the embedded engine does. */
    public OpenAiCompatibleBackend(RemoteEndpoint endpoint) {
        this(endpoint, OpenAiCompatibleBackend::sampleLocally);
    }

    /**
     * @param sampler samples a video as the embedded engine would, for {@link VideoMode#FRAMES} (and AUTO's
     *                fallback); its failures should be {@link EngineException}s
     */
    public OpenAiCompatibleBackend(RemoteEndpoint endpoint, Function<ContentPart.Video, SampledFrames> sampler) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "framewise-remote-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.encoder = new ChatRequestEncoder(sampler);
    }

    /** The frames qwen-vl-utils {@code fetch_video} would pick, with the video part's own sampling options. */
    private static SampledFrames sampleLocally(ContentPart.Video video) {
        try (MediaSource source = Media.open(video.path())) {
            return source.sample(VideoSampling.of(video));
        }
    }

    @Override
    public String describe() {
        return endpoint.model() + " at " + endpoint.baseUri() + " (OpenAI-compatible server)";
    }

    /** The model ids the server offers ({@code GET /models}). */
    public List<String> listModels() {
        URI uri = endpoint.resolve("models");
        HttpResponse<InputStream> response = send(request(uri).GET().build(), new CancellationToken());
        String body = readBody(response, MAX_JSON_BODY, new CancellationToken());
        if (response.statusCode() != 200) throw RemoteErrors.forStatus(uri, endpoint.model(), response.statusCode(), body);
        try {
            List<String> ids = new ArrayList<>();
            for (JsonNode model : JSON.readTree(body).path("data")) ids.add(model.path("id").asText());
            return ids;
        } catch (IOException e) {
            throw malformed(uri, body);
        }
    }

    @Override
    public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
        long seed = request.params().seed() != null ? request.params().seed() : ThreadLocalRandom.current().nextLong(1L << 31);
        VideoMode mode = endpoint.videoMode() == VideoMode.AUTO && serverRefusesVideo.get() ? VideoMode.FRAMES : endpoint.videoMode();
        try {
            return generate(request, listener, cancel, seed, mode);
        } catch (RemoteHttpException e) {
            boolean hasVideo = request.messages().stream()
                    .anyMatch(m -> m.content().stream().anyMatch(p -> p instanceof ContentPart.Video));
            if (mode != VideoMode.AUTO || !hasVideo || !RemoteErrors.rejectsVideo(e.status(), e.serverMessage())) throw e;
            // refused before any token was generated, so sending the frames instead repeats nothing
            serverRefusesVideo.set(true);
            return generate(request, listener, cancel, seed, VideoMode.FRAMES);
        }
    }

    private GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel,
                                      long seed, VideoMode mode) {
        long start = System.nanoTime();
        ChatRequestEncoder.Encoded encoded = encoder.encode(endpoint.model(), request, seed, mode, endpoint.tokenIds());
        if (!encoded.frames().isEmpty()) listener.onFrames(encoded.frames());
        long encodedAt = System.nanoTime();
        URI uri = endpoint.resolve("chat/completions");
        HttpRequest post = request(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(toBytes(encoded.body())))
                .build();
        ChatStreamAccumulator reply = new ChatStreamAccumulator(listener);
        HttpResponse<InputStream> response = cancel.isCancelled() ? null : send(post, cancel);
        FinishReason finish = response == null ? FinishReason.CANCELLED : read(uri, response, reply, cancel);
        double firstTokenMs = reply.tokens().isEmpty() ? 0 : (reply.firstTokenNanos() - encodedAt) / 1e6;
        double decodeMs = reply.tokens().isEmpty() ? 0 : (reply.lastTokenNanos() - reply.firstTokenNanos()) / 1e6;
        Timings timings = new Timings(0, (encodedAt - start) / 1e6, 0, 0, firstTokenMs, decodeMs,
                Math.max(reply.promptTokens(), 0), reply.generatedTokens());
        String text = reply.text();
        ParsedResponse parsed = ReasoningParser.parse(text);
        return GenerationResult.builder().model(endpoint.model()).tokens(reply.tokens()).text(text)
                .parsed(parsed.reasoning(), parsed.answer()).frames(encoded.frames()).timings(timings)
                .finishReason(finish).seed(seed).build();
    }

    /** Reads the response into {@code reply} and says why it ended. */
    private FinishReason read(URI uri, HttpResponse<InputStream> response, ChatStreamAccumulator reply, CancellationToken cancel) {
        int status = response.statusCode();
        if (status != 200) {
            throw RemoteErrors.forStatus(uri, endpoint.model(), status, readBody(response, MAX_ERROR_BODY, cancel));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.isEmpty() && !contentType.startsWith("text/event-stream") && !contentType.startsWith("application/json")) {
            discard(response);
            throw new EngineException("the server at " + uri + " answered with " + contentType.split(";")[0]
                    + ", not an event stream. Is the URL the server's OpenAI-compatible API root (…/v1)?");
        }
        if (contentType.startsWith("application/json")) {
            // a server that ignores stream=true answers with one whole completion
            String body = readBody(response, MAX_JSON_BODY, cancel);
            acceptEvent(uri, reply, body);
            return cancel.isCancelled() ? FinishReason.CANCELLED : reply.finishReason();
        }
        boolean done = false;
        IOException cut = null;
        StreamWatchdog.Verdict verdict;
        try (InputStream body = response.body();
             StreamWatchdog watchdog = new StreamWatchdog(watchdogs, body, cancel, endpoint.readTimeout());
             SseEventReader events = new SseEventReader(body, watchdog::activity)) {
            try {
                String data;
                while (!cancel.isCancelled() && (data = events.next()) != null) {
                    if (data.strip().equals("[DONE]")) {
                        done = true;
                        break;
                    }
                    acceptEvent(uri, reply, data);
                }
            } catch (SseEventReader.LineTooLongException e) {
                throw malformed(uri, e.getMessage());
            } catch (IOException e) {
                cut = e;
            }
            verdict = watchdog.verdict();
        } catch (IOException closing) {
            verdict = StreamWatchdog.Verdict.RUNNING;
        }
        if (cancel.isCancelled() || verdict == StreamWatchdog.Verdict.CANCELLED) return FinishReason.CANCELLED;
        if (done || reply.finished() && cut == null) return reply.finishReason();
        if (reply.tokens().isEmpty()) {
            if (verdict == StreamWatchdog.Verdict.TIMED_OUT) {
                throw new EngineException("the server at " + uri + " sent nothing for " + RemoteErrors.seconds(endpoint.readTimeout())
                        + " after accepting the request. It may be overloaded or stuck; try again or raise the read timeout.");
            }
            throw new EngineException("the server at " + uri + " closed the connection before answering"
                    + (cut == null ? "" : " (" + cut.getMessage() + ")") + ". See the server's log.", cut);
        }
        return FinishReason.INCOMPLETE;
    }

    private void acceptEvent(URI uri, ChatStreamAccumulator reply, String data) {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (IOException e) {
            throw malformed(uri, data);
        }
        if (node != null && (node.has("error") || "error".equals(node.path("object").asText()))) {
            throw new EngineException("the server at " + uri + " stopped with an error: " + RemoteErrors.serverMessage(data));
        }
        try {
            if (node == null) throw new IllegalArgumentException("empty");
            reply.accept(node);
        } catch (IllegalArgumentException e) {
            throw malformed(uri, data);
        }
    }

    private static EngineException malformed(URI uri, String data) {
        String shown = data.length() > 200 ? data.substring(0, 200) + "…" : data;
        return new EngineException("the server at " + uri + " sent a malformed event, not an OpenAI chat-completion chunk: '"
                + shown.replaceAll("\\s+", " ") + "'. Is the URL the server's OpenAI-compatible API root (…/v1)?");
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(endpoint.readTimeout());
        if (endpoint.apiKey() != null) builder.header("Authorization", "Bearer " + endpoint.apiKey());
        return builder;
    }

    /** Sends and waits for the response headers, polling the token; null when cancelled meanwhile. */
    private HttpResponse<InputStream> send(HttpRequest request, CancellationToken cancel) {
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        while (true) {
            if (cancel.isCancelled()) {
                pending.cancel(true);
                pending.thenAccept(OpenAiCompatibleBackend::discard);
                return null;
            }
            try {
                return pending.get(StreamWatchdog.POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                // poll the token again
            } catch (ExecutionException e) {
                throw RemoteErrors.forTransport(request.uri(), e.getCause(), endpoint.connectTimeout(), endpoint.readTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.cancel(true);
                throw new EngineException("interrupted while waiting for " + request.uri(), e);
            }
        }
    }

    /** A whole (bounded) body, under the same idle timeout and cancellation as a stream. */
    private String readBody(HttpResponse<InputStream> response, int limit, CancellationToken cancel) {
        if (response == null) return "";
        try (InputStream body = response.body();
             StreamWatchdog ignored = new StreamWatchdog(watchdogs, body, cancel, endpoint.readTimeout())) {
            return new String(body.readNBytes(limit), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    private static byte[] toBytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    @Override
    public void close() {
        watchdogs.shutdownNow();
        // HttpClient has no close() before Java 21; its threads end when it is unreachable
    }
}
