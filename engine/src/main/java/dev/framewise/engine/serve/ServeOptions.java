package dev.framewise.engine.serve;

import dev.framewise.engine.api.PromptConvention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@code framewise serve} runs. {@code apiKey} null means no key is asked for; {@code mediaRoot} null
 * means {@code file://} media is refused; {@code maxBodyBytes} bounds a request (data URLs included);
 * {@code maxFetchBytes} and {@code fetchTimeout} bound each http(s) media download; {@code allowedOrigins} are
 * the web pages ({@code scheme://host[:port]}, lower case, or {@code *}) whose browsers may call the server;
 * {@code mediaUrls} which http(s) media URLs it fetches.
 */
public record ServeOptions(String modelId, String host, int port, String apiKey, int maxConcurrency, int maxQueue,
                           Path mediaRoot, long maxBodyBytes, long maxFetchBytes, Duration fetchTimeout,
                           int defaultMaxTokens, Set<String> allowedOrigins, MediaUrlPolicy mediaUrls) {

    /** Enough for a few minutes of 720p H.264 as a base64 data URL. */
    public static final long DEFAULT_MAX_BODY_BYTES = 128L << 20;
    public static final long DEFAULT_MAX_FETCH_BYTES = 64L << 20;
    public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_TOKENS = PromptConvention.COSMOS_REASON1.sampling().maxTokens();

    public ServeOptions {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        if (apiKey != null && apiKey.isBlank()) throw new IllegalArgumentException("--api-key must not be blank");
        if (maxConcurrency < 1) throw new IllegalArgumentException("--max-concurrency must be at least 1, got " + maxConcurrency);
        if (maxQueue < 0) throw new IllegalArgumentException("--max-queue must be 0 or more, got " + maxQueue);
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("the request size limit must be at least 1 KiB");
        if (defaultMaxTokens < 1) throw new IllegalArgumentException("the default max tokens must be at least 1");
        if (mediaRoot != null) mediaRoot = mediaRoot.toAbsolutePath().normalize();
        if (fetchTimeout == null) fetchTimeout = DEFAULT_FETCH_TIMEOUT;
        allowedOrigins = allowedOrigins == null ? Set.of() : allowedOrigins.stream()
                .map(o -> o.strip().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (mediaUrls == null) mediaUrls = MediaUrlPolicy.PUBLIC_ONLY;
    }

    /** No web page may call the server. */
    public ServeOptions(String modelId, String host, int port, String apiKey, int maxConcurrency, int maxQueue,
                        Path mediaRoot, long maxBodyBytes, long maxFetchBytes, Duration fetchTimeout,
                        int defaultMaxTokens) {
        this(modelId, host, port, apiKey, maxConcurrency, maxQueue, mediaRoot, maxBodyBytes, maxFetchBytes,
                fetchTimeout, defaultMaxTokens, Set.of(), MediaUrlPolicy.PUBLIC_ONLY);
    }

    public ServeOptions withAllowedOrigins(Set<String> origins) {
        return new ServeOptions(modelId, host, port, apiKey, maxConcurrency, maxQueue, mediaRoot, maxBodyBytes,
                maxFetchBytes, fetchTimeout, defaultMaxTokens, origins, mediaUrls);
    }

    public ServeOptions withMediaUrls(MediaUrlPolicy policy) {
        return new ServeOptions(modelId, host, port, apiKey, maxConcurrency, maxQueue, mediaRoot, maxBodyBytes,
                maxFetchBytes, fetchTimeout, defaultMaxTokens, allowedOrigins, policy);
    }

    /** Loopback, no key, one generation at a time and 16 waiting, no file:// media. */
    public static ServeOptions defaults(String modelId) {
        return new ServeOptions(modelId, "127.0.0.1", 8000, null, 1, 16, null, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_FETCH_BYTES, DEFAULT_FETCH_TIMEOUT, DEFAULT_MAX_TOKENS);
    }

    public ServeOptions withPort(int newPort) {
        return new ServeOptions(modelId, host, newPort, apiKey, maxConcurrency, maxQueue, mediaRoot, maxBodyBytes,
                maxFetchBytes, fetchTimeout, defaultMaxTokens, allowedOrigins, mediaUrls);
    }

    public ServeOptions withApiKey(String key) {
        return new ServeOptions(modelId, host, port, key, maxConcurrency, maxQueue, mediaRoot, maxBodyBytes,
                maxFetchBytes, fetchTimeout, defaultMaxTokens, allowedOrigins, mediaUrls);
    }

    public ServeOptions withLimits(int concurrency, int queue, long bodyBytes) {
        return new ServeOptions(modelId, host, port, apiKey, concurrency, queue, mediaRoot, bodyBytes,
                maxFetchBytes, fetchTimeout, defaultMaxTokens, allowedOrigins, mediaUrls);
    }

    public ServeOptions withMediaRoot(Path root) {
        return new ServeOptions(modelId, host, port, apiKey, maxConcurrency, maxQueue, root, maxBodyBytes,
                maxFetchBytes, fetchTimeout, defaultMaxTokens, allowedOrigins, mediaUrls);
    }
}
