package dev.framewise.cli;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.remote.OpenAiCompatibleBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import dev.framewise.engine.remote.VideoMode;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The options of a command whose {@code --model} may be an OpenAI-compatible server
 * ({@code --model http(s)://host:port/v1 --remote-model NAME}); mixed into {@code ask}.
 */
public final class RemoteOptions {
    /** Where the server's API key comes from when --api-key is not given. */
    static final String KEY_VARIABLE = "FRAMEWISE_REMOTE_API_KEY";

    @Option(names = "--remote-model", paramLabel = "NAME",
            description = "With --model http(s)://host:port/v1: the model's name on that server (GET /v1/models lists them).")
    String remoteModel;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "With --model URL: the server's API key (default: the " + KEY_VARIABLE + " environment variable).")
    String apiKey;

    @Option(names = "--video-mode", defaultValue = "auto", paramLabel = "MODE",
            description = "With --model URL, how videos travel: auto (video_url, else frames if the server refuses video),"
                    + " data-url, file-url (a server on this disk) or frames (sampled here, sent as images with their times)."
                    + " Default: ${DEFAULT-VALUE}.")
    String videoMode;

    @Option(names = "--read-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "With --model URL: the longest silence from the server before giving up (default: ${DEFAULT-VALUE}).")
    long readTimeoutSeconds;

    @Option(names = "--token-ids",
            description = "With --model URL: ask the server for token ids (vLLM and framewise serve; --json then lists real ids).")
    boolean tokenIds;

    /** Whether a --model argument names a server rather than a folder. */
    public static boolean isUrl(String model) {
        return model.startsWith("http://") || model.startsWith("https://");
    }

    /** The backend for {@code --model url} with these options. */
    public OpenAiCompatibleBackend open(String url) {
        return open(url, remoteModel, apiKey != null ? apiKey : System.getenv(KEY_VARIABLE), parseVideoMode(),
                Duration.ofSeconds(readTimeoutSeconds), tokenIds);
    }

    /** What to say when {@code --model URL} comes without {@code --remote-model}. */
    static String unnamedModel(String url) {
        return "--model " + url + " is a server: name its model with --remote-model NAME (GET "
                + url.replaceAll("/+$", "") + "/models lists them)";
    }

    static OpenAiCompatibleBackend open(String url, String remoteModel, String apiKey, VideoMode videoMode, Duration readTimeout,
                                        boolean tokenIds) {
        if (remoteModel == null) throw new EngineException(unnamedModel(url));
        try {
            return new OpenAiCompatibleBackend(new RemoteEndpoint(URI.create(url), remoteModel, apiKey, null, readTimeout, videoMode, tokenIds));
        } catch (IllegalArgumentException e) {
            throw new EngineException("--model " + url + ": " + e.getMessage(), e);
        }
    }

    private VideoMode parseVideoMode() {
        try {
            return VideoMode.valueOf(videoMode.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new EngineException("--video-mode must be auto, data-url, file-url or frames, not '" + videoMode + "'");
        }
    }
}
