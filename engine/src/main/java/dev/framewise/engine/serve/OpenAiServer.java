package dev.framewise.engine.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptTooLongException;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.media.MediaException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code framewise serve}: an {@link InferenceBackend} behind the OpenAI chat-completions API
 * ({@code GET /v1/models}, {@code POST /v1/chat/completions} streamed as SSE or whole, {@code GET /health}).
 *
 * <p>Built on Jetty's core server (no servlets): what it refuses before any code of ours runs (a malformed request
 * head, a Content-Length that is no number) reaches {@link ApiErrorHandler}, so every answer is in the API's error
 * shape. Handlers run on Jetty's pool threads and block; the {@link AdmissionGate} bounds how many generate and how
 * many wait.
 *
 * <p>Safe by default: errors are OpenAI error bodies with a message and never a stack trace (those go to
 * the server's log), bodies over the size limit are refused before they are read, the API key is compared in
 * constant time, and files are read only under the allowed media root.
 */
public final class OpenAiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OpenAiServer.class.getName());
    /**
     * How long {@code serve} waits at most between two bytes of a request by default; the whole body must have
     * arrived within twice that (128 MiB in 120 s needs about 9 Mbit/s). {@code -Dframewise.serve.requestTimeout=SECONDS}
     * replaces it. Responses, streams included, are not bounded by it.
     */
    static final long REQUEST_TIMEOUT_SECONDS = Long.getLong("framewise.serve.requestTimeout", 60);

    /** How often a whole (non-streamed) answer in the making checks that its client is still there. */
    static final long HEARTBEAT_MILLIS = 1000;

    /** What a 429 tells clients to wait: about one short generation. */
    private static final String RETRY_AFTER_SECONDS = "2";

    private final InferenceBackend backend;
    private final ServeOptions options;
    private final Server server;
    private final ServerConnector connector;
    private final AdmissionGate gate;
    private final MediaResolver media;
    private final ChatRequestDecoder decoder;
    private final CrossSiteGuard guard;
    private final ObjectReader bodyReader;
    private final long startedAt = System.currentTimeMillis() / 1000;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean splitReasoning;

    private OpenAiServer(InferenceBackend backend, ServeOptions options, boolean splitReasoning) {
        this.backend = backend;
        this.options = options;
        this.splitReasoning = splitReasoning;
        this.gate = new AdmissionGate(options.maxConcurrency(), options.maxQueue());
        this.media = new MediaResolver(options.mediaRoot(), options.maxFetchBytes(), options.fetchTimeout(),
                options.mediaUrls());
        this.decoder = new ChatRequestDecoder(options.modelId(), options.defaultMaxTokens(),
                RequestSampling.forBackend(backend));
        this.guard = new CrossSiteGuard(options.host(), options.allowedOrigins());
        this.bodyReader = bodyReader(options.maxBodyBytes());
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("framewise-serve");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(64);
        connector.setIdleTimeout(TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_SECONDS));
        server.addConnector(connector);
        server.setErrorHandler(new ApiErrorHandler());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                OpenAiServer.this.handle(new Exchange(request, response), callback);
                return true;
            }
        });
        server.setStopTimeout(0);
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
        OpenAiServer serving = new OpenAiServer(backend, options, splitReasoning);
        try {
            serving.server.start();
        } catch (Exception e) {
            serving.close();
            throw new EngineException("cannot listen on " + options.host() + ":" + options.port() + " (" + e.getMessage()
                    + "). Is another server using the port? Choose another with --port.", e);
        }
        return serving;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The API root clients use, e.g. {@code http://127.0.0.1:8000/v1}. */
    public URI baseUri() {
        String host = options.host();
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) host = "127.0.0.1";
        } catch (UnknownHostException e) {
            // it is bound, so the name resolved a moment ago; use it as given
        }
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port() + "/v1");
    }

    private void handle(Exchange exchange, Callback callback) {
        Reply reply = new Reply(exchange);
        try {
            try {
                route(exchange, reply);
            } catch (ApiError e) {
                reply.error(e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "request " + exchange.path() + " failed", e);
                reply.error(new ApiError(500, "server_error", "internal_error",
                        "The server failed on this request; its log has the details."));
            }
            reply.finish();
            callback.succeeded();
        } catch (IOException clientGone) {
            // the client closed the connection; nothing left to tell it
            callback.failed(clientGone);
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

    private void route(Exchange exchange, Reply response) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        guard.check(exchange::header);
        String allowOrigin = guard.allowOrigin(exchange::header);
        if (allowOrigin != null) {
            exchange.setHeader("Access-Control-Allow-Origin", allowOrigin);
            exchange.setHeader("Vary", "Origin");
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
                CrossSiteGuard.requireJson(exchange::header);
                gate.refuseIfFull(); // before reading a body that may be 128 MiB
                chat(readJson(exchange), response);
            }
            default -> throw ApiError.notFound("not_found", "No endpoint " + method + " " + path
                    + " here: use GET /v1/models, POST /v1/chat/completions or GET /health.");
        }
    }

    /** A CORS preflight (only an allowed origin, or none, gets here): what the browser may send next. */
    private static void preflight(Exchange exchange, String path) {
        String methods = path.equals("/v1/chat/completions") ? "POST, OPTIONS" : "GET, OPTIONS";
        exchange.setHeader("Allow", methods);
        exchange.setHeader("Access-Control-Allow-Methods", methods);
        exchange.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        exchange.setHeader("Access-Control-Max-Age", "600");
        exchange.response.setStatus(204);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ApiError(405, "invalid_request_error", "method_not_allowed", "Use " + expected + " here, not " + method + ".");
        }
    }

    private void authorize(Exchange exchange) {
        if (options.apiKey() == null) return;
        String given = String.valueOf(exchange.header("Authorization"));
        byte[] expected = ("Bearer " + options.apiKey()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) throw ApiError.unauthorized();
    }

    private ObjectNode models() {
        ObjectNode root = CompletionJson.JSON.createObjectNode().put("object", "list");
        root.putArray("data").addObject().put("id", options.modelId()).put("object", "model")
                .put("created", startedAt).put("owned_by", "framewise");
        return root;
    }

    /**
     * Reads the body: one that stops (shorter than its Content-Length) is refused with a 408 after
     * {@link #REQUEST_TIMEOUT_SECONDS}, one that trickles in so slowly that it is not whole within twice that has its
     * connection closed, so that neither holds a connection and a thread for long.
     */
    private JsonNode readJson(Exchange exchange) throws IOException {
        long limit = options.maxBodyBytes();
        String declared = exchange.header("Content-Length");
        if (declared != null && parseLength(declared) > limit) throw tooLarge(limit);
        byte[] body;
        long left = Math.max(1, TimeUnit.SECONDS.toNanos(2 * REQUEST_TIMEOUT_SECONDS) - (System.nanoTime() - exchange.started));
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<?> deadline = CompletableFuture.runAsync(() -> {
            late.set(true);
            exchange.request.getConnectionMetaData().getConnection().getEndPoint().close();
        }, CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS));
        try (InputStream in = Content.Source.asInputStream(exchange.request)) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            if (late.get() || e.getCause() instanceof TimeoutException) {
                throw new ApiError(408, "invalid_request_error", "request_timeout", "The request did not arrive whole "
                        + "within " + REQUEST_TIMEOUT_SECONDS + " s; send it again (over a faster link, or smaller).");
            }
            throw e;
        } finally {
            deadline.cancel(false);
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

    private void chat(JsonNode body, Reply response) throws IOException {
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
    private void stream(ChatCall call, CompletionJson json, Reply response) throws IOException {
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
     * Answers as one JSON body, cancelling the generation when the client goes away. A handler learns of a closed
     * connection only when it writes, so from the first token on the response is begun (200, chunked)
     * and a space (JSON allows leading whitespace) is written and flushed at most every {@link #HEARTBEAT_MILLIS}:
     * a failed write cancels, as it does for a stream. A failure before the first token (bad media, a prompt too
     * long) is still an ordinary HTTP error; one after it is the error object as the body.
     */
    private void whole(ChatCall call, CompletionJson json, Reply response) throws IOException {
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
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the server: " + e.getMessage(), e);
        }
        media.close();
    }

    /** One request and its response, with the few operations the routes need. */
    private static final class Exchange {
        final Request request;
        final Response response;
        final long started = System.nanoTime();

        Exchange(Request request, Response response) {
            this.request = request;
            this.response = response;
        }

        String method() {
            return request.getMethod();
        }

        String path() {
            return request.getHttpURI().getPath();
        }

        String header(String name) {
            return request.getHeaders().get(name);
        }

        void setHeader(String name, String value) {
            response.getHeaders().put(name, value);
        }

        /** Sets the status and begins the body; {@code length} -1 for a chunked one, flushed per write. */
        OutputStream begin(int status, String contentType, long length) {
            response.setStatus(status);
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, contentType);
            if (length >= 0) headers.put(HttpHeader.CONTENT_LENGTH, length);
            return Content.Sink.asOutputStream(response);
        }
    }

    /**
     * The response of one exchange: a JSON body (begun early, chunked, with whitespace heartbeats while a whole
     * answer is generated), or an event stream once started.
     */
    private static final class Reply {
        private final Exchange exchange;
        private OutputStream events;
        private OutputStream body;

        Reply(Exchange exchange) {
            this.exchange = exchange;
        }

        boolean streaming() {
            return events != null;
        }

        void json(int status, JsonNode json) throws IOException {
            byte[] bytes = CompletionJson.JSON.writeValueAsBytes(json);
            if (body == null) body = exchange.begin(status, "application/json", bytes.length);
            body.write(bytes);
            body.flush();
        }

        /** Begins a 200 JSON response if not yet begun, and writes one space to it. */
        void heartbeat() throws IOException {
            if (body == null) body = exchange.begin(200, "application/json", -1);
            body.write(' ');
            body.flush();
        }

        void error(ApiError error) throws IOException {
            if (error.status == 429) exchange.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            if (streaming()) event(CompletionJson.error(error));
            else json(error.status, CompletionJson.error(error));
        }

        void startEvents(JsonNode first) throws IOException {
            exchange.setHeader("Cache-Control", "no-cache");
            events = exchange.begin(200, "text/event-stream", -1);
            event(first);
        }

        void event(JsonNode data) throws IOException {
            write("data: " + CompletionJson.JSON.writeValueAsString(data) + "\n\n");
        }

        void done() throws IOException {
            write("data: [DONE]\n\n");
        }

        /** Ends the body, if one was begun. */
        void finish() throws IOException {
            if (events != null) events.close();
            else if (body != null) body.close();
        }

        private void write(String text) throws IOException {
            events.write(text.getBytes(StandardCharsets.UTF_8));
            events.flush();
        }
    }

    /**
     * Answers what Jetty refuses before a handler runs (a malformed head, a Content-Length that is no number, a
     * header section too large) in the API's error shape, with Jetty's reason as the message.
     */
    private static final class ApiErrorHandler extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            Object reason = request.getAttribute(ERROR_MESSAGE);
            String message = status >= 500 ? "The server failed on this request; its log has the details."
                    : "The request is malformed (" + (reason == null ? "HTTP " + status : reason) + ").";
            ApiError error = new ApiError(status, status >= 500 ? "server_error" : "invalid_request_error",
                    status >= 500 ? "internal_error" : "malformed_request", message);
            byte[] bytes;
            try {
                bytes = CompletionJson.JSON.writeValueAsBytes(CompletionJson.error(error));
            } catch (JsonProcessingException e) {
                callback.failed(e);
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(bytes), callback);
            return true;
        }
    }
}
