package dev.framewise.engine.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where an OpenAI-compatible server is and how to talk to it. {@code baseUri} ends in the API root
 * (e.g. {@code http://gpu:8000/v1}); {@code apiKey} may be null; {@code readTimeout} is the longest
 * silence allowed, both before the response starts and between two stream events. {@code tokenIds} asks the
 * server to name generated tokens by id ({@code return_tokens_as_token_ids}: vLLM and framewise serve take it,
 * servers that reject unknown fields do not), so that token events carry real ids.
 */
public record RemoteEndpoint(URI baseUri, String model, String apiKey, Duration connectTimeout, Duration readTimeout,
                             VideoMode videoMode, boolean tokenIds) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for a large prompt's prefill (a video on a busy server) before the first event. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(300);

    public RemoteEndpoint {
        Objects.requireNonNull(baseUri, "baseUri");
        String scheme = baseUri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("the server address must be an http(s) URL like http://host:8000/v1, not '" + baseUri + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("name the server's model (--remote-model NAME; GET " + baseUri + "/models lists them)");
        }
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
        if (connectTimeout == null) connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        if (readTimeout == null) readTimeout = DEFAULT_READ_TIMEOUT;
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (videoMode == null) videoMode = VideoMode.AUTO;
        String path = baseUri.getPath() == null ? "" : baseUri.getPath();
        if (path.endsWith("/")) baseUri = URI.create(baseUri.toString().replaceAll("/+$", ""));
    }

    public static RemoteEndpoint of(String baseUrl, String model, String apiKey) {
        return new RemoteEndpoint(URI.create(baseUrl), model, apiKey, null, null, null, false);
    }

    /** {@code path} under the API root, e.g. {@code resolve("chat/completions")}. */
    public URI resolve(String path) {
        return URI.create(baseUri + "/" + path);
    }

    public RemoteEndpoint withVideoMode(VideoMode mode) {
        return new RemoteEndpoint(baseUri, model, apiKey, connectTimeout, readTimeout, mode, tokenIds);
    }

    public RemoteEndpoint withTimeouts(Duration connect, Duration read) {
        return new RemoteEndpoint(baseUri, model, apiKey, connect, read, videoMode, tokenIds);
    }

    public RemoteEndpoint withTokenIds(boolean ids) {
        return new RemoteEndpoint(baseUri, model, apiKey, connectTimeout, readTimeout, videoMode, ids);
    }
}
