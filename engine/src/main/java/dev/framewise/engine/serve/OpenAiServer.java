package dev.framewise.engine.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptTooLongException;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.media.MediaException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code framewise serve}: an {@link InferenceBackend} behind the OpenAI chat-completions API
 * ({@code GET /v1/models}, {@code POST /v1/chat/completions} streamed as SSE or whole, {@code GET /health}).
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} rather than Javalin: it adds no dependency (Javalin
 * brings Jetty and the Kotlin standard library, several megabytes in every installer) and a fixed-length or
 * chunked response flushed per event is all that SSE needs. Requests run on their own threads; the
 * {@link AdmissionGate} bounds how many generate and how many wait, so threads stay bounded in practice.
 *
 * <p>Safe by default: errors are OpenAI error bodies with a message and never a stack trace (those go to
 * the server's log), bodies over the size limit are refused before they are read, the API key is compared in
 * constant time, and files are read only under the allowed media root.
 */
public final class OpenAiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OpenAiServer.class.getName());
    /**
     * How long {@code serve} waits for a whole request (head and body) by default; 128 MiB in that time needs about
     * 18 Mbit/s. {@code -Dsun.net.httpserver.maxReqTime=SECONDS} replaces it.
     */
    static final long REQUEST_TIMEOUT_SECONDS = 60;
    static {
        // Without TCP_NODELAY each small SSE event after the first waits for the client's delayed ACK (Nagle's
        // algorithm), up to 40 ms per token: a request streams far slower than it generates, and with one generation
        // at a time every queued client waits that much longer for its first token. The JDK server reads this once,
        // when its first server is created; a value given on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        // A request whose head and body have not all arrived within this many seconds is dropped (the JDK server's
        // own timer, off by default): a body shorter than its Content-Length no longer holds a connection and its
        // thread indefinitely. Responses, streams included, are not bounded.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIMEOUT_SECONDS));
        }
    }


    /** How often a whole (non-streamed) answer in the making checks that its client is still there. */
    static final long HEARTBEAT_MILLIS = 1000;

    /** What a 429 tells clients to wait: about one short generation. */
    private static final String RETRY_AFTER_SECONDS = "2";

    private final InferenceBackend backend;
    private final ServeOptions options;
    private final HttpServer server;
    private final ExecutorService threads;
    private final AdmissionGate gate;
    private final MediaResolver media;
    private final ChatRequestDecoder decoder;
    private final CrossSiteGuard guard;
    private final ObjectReader bodyReader;
    private final long startedAt = System.currentTimeMillis() / 1000;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean splitReasoning;

    private OpenAiServer(InferenceBackend backend, ServeOptions options, HttpServer server, boolean splitReasoning) {
        this.backend = backend;
        this.options = options;
        this.splitReasoning = splitReasoning;
        this.server = server;
        this.gate = new AdmissionGate(options.maxConcurrency(), options.maxQueue());
        this.media = new MediaResolver(options.mediaRoot(), options.maxFetchBytes(), options.fetchTimeout(),
                options.mediaUrls());
        this.decoder = new ChatRequestDecoder(options.modelId(), options.defaultMaxTokens());
        this.guard = new CrossSiteGuard(options.host(), options.allowedOrigins());
        this.bodyReader = bodyReader(options.maxBodyBytes());
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "framewise-serve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Binds and starts serving; the backend stays the caller's to close. */
    public static OpenAiServer start(InferenceBackend backend, ServeOptions options) {
        return start(backend, options, false);
    }

    /**
     * Binds and starts serving; with {@code splitReasoning} answers carry their think block in
     * {@code reasoning_content}, apart from {@code content}, as vLLM started with {@code --reasoning-parser qwen3}
     * sends them ({@link ReasoningSplitter}).
     */
    public static OpenAiServer start(InferenceBackend backend, ServeOptions options, boolean splitReasoning) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new EngineException("cannot listen on " + options.host() + ":" + options.port() + " (" + e.getMessage()
                    + "). Is another server using the port? Choose another with --port.", e);
        }
        OpenAiServer serving = new OpenAiServer(backend, options, server, splitReasoning);
        server.start();
        return serving;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The API root clients use, e.g. {@code http://127.0.0.1:8000/v1}. */
    public URI baseUri() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : server.getAddress().getHostString();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port() + "/v1");
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Response response = new Response(exchange);
            try {
                route(exchange, response);
            } catch (ApiError e) {
                response.error(e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "request " + exchange.getRequestURI() + " failed", e);
                response.error(new ApiError(500, "server_error", "internal_error",
                        "The server failed on this request; its log has the details."));
            }
        } catch (IOException clientGone) {
            // the client closed the connection; nothing left to tell it
        }
    }

    /**
     * Parses request bodies: strings as long as the body limit allows (Jackson's default 20 MB string limit stopped
     * data URLs at about 14 MiB, below the documented limit), and nothing after the JSON value.
     */
    private static ObjectReader bodyReader(long maxBodyBytes) {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes)).build()).build();
        return new ObjectMapper(factory).reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private void route(HttpExchange exchange, Response response) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        guard.check(exchange.getRequestHeaders());
        String allowOrigin = guard.allowOrigin(exchange.getRequestHeaders());
        if (allowOrigin != null) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowOrigin);
            exchange.getResponseHeaders().set("Vary", "Origin");
        }
        if (method.equals("OPTIONS") && (path.equals("/health") || path.startsWith("/v1/"))) {
            preflight(exchange, path);
            return;
        }
        switch (path) {
            case "/health" -> {
                requireMethod(method, "GET");
                response.json(200, CompletionJson.JSON.createObjectNode().put("status", "ok"));
            }
            case "/v1/models" -> {
                requireMethod(method, "GET");
                authorize(exchange);
                response.json(200, models());
            }
            case "/v1/chat/completions" -> {
                requireMethod(method, "POST");
                authorize(exchange);
                CrossSiteGuard.requireJson(exchange.getRequestHeaders());
                gate.refuseIfFull(); // before reading a body that may be 128 MiB
                chat(readJson(exchange), response);
            }
            default -> throw ApiError.notFound("not_found", "No endpoint " + method + " " + path
                    + " here: use GET /v1/models, POST /v1/chat/completions or GET /health.");
        }
    }

    /** A CORS preflight (only an allowed origin, or none, gets here): what the browser may send next. */
    private static void preflight(HttpExchange exchange, String path) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        String methods = path.equals("/v1/chat/completions") ? "POST, OPTIONS" : "GET, OPTIONS";
        headers.set("Allow", methods);
        headers.set("Access-Control-Allow-Methods", methods);
        headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
        headers.set("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ApiError(405, "invalid_request_error", "method_not_allowed", "Use " + expected + " here, not " + method + ".");
        }
    }

    private void authorize(HttpExchange exchange) {
        if (options.apiKey() == null) return;
        String given = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] expected = ("Bearer " + options.apiKey()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) throw ApiError.unauthorized();
    }

    private ObjectNode models() {
        ObjectNode root = CompletionJson.JSON.createObjectNode().put("object", "list");
        root.putArray("data").addObject().put("id", options.modelId()).put("object", "model")
                .put("created", startedAt).put("owned_by", "framewise");
        return root;
    }

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        long limit = options.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && parseLength(declared) > limit) throw tooLarge(limit);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (body.length > limit) throw tooLarge(limit);
        try {
            return bodyReader.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(null, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(null, "Content-Length is not a number: " + declared);
        }
    }

    private static ApiError tooLarge(long limit) {
        return ApiError.tooLarge("The request is larger than this server's limit of " + limit
                + " bytes. Send smaller or fewer images, a shorter video, or http(s)/file:// URLs instead of data URLs.");
    }

    private void chat(JsonNode body, Response response) throws IOException {
        try (MediaResolver.Scope scope = media.open()) {
            ChatCall call = decoder.decode(body, scope);
            try (AdmissionGate.Permit ignored = gate.enter()) {
                CompletionJson json = new CompletionJson(options.modelId(), call.tokensAsIds());
                if (call.stream()) stream(call, json, response);
                else whole(call, json, response);
            }
        }
    }

    /**
     * Streams the answer as SSE. The response starts with the first token, so a failure before it (bad media,
     * a prompt too long) is still an ordinary HTTP error; after it, an error becomes an {@code error} event.
     * A client that goes away cancels the generation.
     */
    private void stream(ChatCall call, CompletionJson json, Response response) throws IOException {
        CancellationToken cancel = new CancellationToken();
        ReasoningSplitter splitter = splitReasoning ? new ReasoningSplitter() : null;
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onToken(TokenEvent token) {
                if (cancel.isCancelled()) return;
                try {
                    if (!response.streaming()) response.startEvents(json.roleChunk());
                    if (splitter == null) {
                        response.event(json.tokenChunk(token, call.logprobs()));
                        return;
                    }
                    // as vLLM: a token that adds nothing visible (a tag, a held-back tag prefix) sends no chunk
                    ReasoningSplitter.Split split = splitter.accept(token.text());
                    if (!split.isEmpty() || call.logprobs()) response.event(json.tokenChunk(token, call.logprobs(), split));
                } catch (IOException clientGone) {
                    cancel.cancel();
                }
            }
        };
        GenerationResult result;
        try {
            result = generate(call, listener, cancel);
        } catch (ApiError e) {
            if (!response.streaming()) throw e;
            response.event(CompletionJson.error(e));
            return;
        }
        if (cancel.isCancelled()) return;
        if (!response.streaming()) response.startEvents(json.roleChunk());
        if (splitter != null) {
            ReasoningSplitter.Split rest = splitter.finish();
            if (!rest.isEmpty()) response.event(json.textChunk(rest));
        }
        response.event(json.finishChunk(result.finishReason()));
        if (call.includeUsage()) response.event(json.usageChunk(result));
        response.done();
    }

    /**
     * Answers as one JSON body, cancelling the generation when the client goes away. The JDK server tells a handler
     * of a closed connection only when it writes, so from the first token on the response is begun (200, chunked)
     * and a space (JSON allows leading whitespace) is written and flushed at most every {@link #HEARTBEAT_MILLIS}:
     * a failed write cancels, as it does for a stream. A failure before the first token (bad media, a prompt too
     * long) is still an ordinary HTTP error; one after it is the error object as the body.
     */
    private void whole(ChatCall call, CompletionJson json, Response response) throws IOException {
        CancellationToken cancel = new CancellationToken();
        long[] lastBeat = {System.nanoTime()};
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onToken(TokenEvent token) {
                long now = System.nanoTime();
                if (cancel.isCancelled() || now - lastBeat[0] < HEARTBEAT_MILLIS * 1_000_000L) return;
                lastBeat[0] = now;
                try {
                    response.heartbeat();
                } catch (IOException clientGone) {
                    cancel.cancel();
                }
            }
        };
        GenerationResult result = generate(call, listener, cancel);
        if (cancel.isCancelled()) return;
        response.json(200, json.completion(result, call.logprobs(), splitReasoning));
    }

    /** Runs the backend, turning its errors into API errors: bad media is the client's (400), the rest the server's (500). */
    private GenerationResult generate(ChatCall call, GenerationListener listener, CancellationToken cancel) {
        try {
            return backend.generate(call.request(), listener, cancel);
        } catch (MediaException e) {
            throw new ApiError(400, "invalid_request_error", "invalid_media", e.getMessage());
        } catch (PromptTooLongException e) {
            throw new ApiError(400, "invalid_request_error", "context_length_exceeded", e.getMessage());
        } catch (EngineException e) {
            LOG.log(System.Logger.Level.WARNING, "generation failed: " + e.getMessage(), e);
            throw new ApiError(500, "server_error", "generation_failed", e.getMessage());
        }
    }

    /** Stops listening and ends running requests; safe to call twice (Ctrl-C's shutdown hook and the command both do). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.stop(0);
        threads.shutdownNow();
        media.close();
    }

    /**
     * The response of one exchange: a JSON body (begun early, chunked, with whitespace heartbeats while a whole
     * answer is generated), or an event stream once started.
     */
    private static final class Response {
        private final HttpExchange exchange;
        private OutputStream events;
        private OutputStream body;

        Response(HttpExchange exchange) {
            this.exchange = exchange;
        }

        boolean streaming() {
            return events != null;
        }

        void json(int status, JsonNode json) throws IOException {
            byte[] bytes = CompletionJson.JSON.writeValueAsBytes(json);
            if (body == null) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                body = exchange.getResponseBody();
            }
            body.write(bytes);
            body.flush();
        }

        /** Begins a 200 JSON response if not yet begun, and writes one space to it. */
        void heartbeat() throws IOException {
            if (body == null) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0); // 0: chunked, flushed per heartbeat
                body = exchange.getResponseBody();
            }
            body.write(' ');
            body.flush();
        }

        void error(ApiError error) throws IOException {
            if (error.status == 429) exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
            if (streaming()) event(CompletionJson.error(error));
            else json(error.status, CompletionJson.error(error));
        }

        void startEvents(JsonNode first) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0); // 0: chunked, flushed per event
            events = exchange.getResponseBody();
            event(first);
        }

        void event(JsonNode data) throws IOException {
            write("data: " + CompletionJson.JSON.writeValueAsString(data) + "\n\n");
        }

        void done() throws IOException {
            write("data: [DONE]\n\n");
        }

        private void write(String text) throws IOException {
            events.write(text.getBytes(StandardCharsets.UTF_8));
            events.flush();
        }
    }
}
