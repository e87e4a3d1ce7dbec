package dev.framewise.cli;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.serve.BindSafety;
import dev.framewise.engine.serve.MediaUrlPolicy;
import dev.framewise.engine.serve.OpenAiServer;
import dev.framewise.engine.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code framewise serve}: the model behind an OpenAI-compatible chat-completions API, so that other tools
 * (the OpenAI SDKs, LangChain, another Framewise) can use it. Runs until interrupted (Ctrl-C).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, defaultValueProvider = ConventionDefaults.class,
        description = "Serve a model through the OpenAI chat-completions API (GET /v1/models, POST /v1/chat/completions, GET /health).")
public final class ServeCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "DIR|REPO|URL",
            description = "Model folder (Hugging Face layout), a downloaded Hugging Face repo (see framewise models), or the http(s)://host:port/v1 of another OpenAI-compatible server to front"
                    + " (its key from FRAMEWISE_REMOTE_API_KEY).")
    String model;

    @Option(names = "--remote-model", paramLabel = "NAME", description = "The model's name on the server given as --model URL.")
    String remoteModel;

    @Option(names = "--served-model-name", paramLabel = "NAME",
            description = "The model id clients give (default: the model folder's name).")
    String servedName;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all interfaces).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--api-key", defaultValue = "${env:FRAMEWISE_API_KEY}", paramLabel = "KEY",
            description = "Require 'Authorization: Bearer KEY' (default: the FRAMEWISE_API_KEY environment variable, else none).")
    String apiKey;

    @Option(names = "--max-concurrency", defaultValue = "1", paramLabel = "N",
            description = "Generations at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Option(names = "--max-queue", defaultValue = "16", paramLabel = "N",
            description = "Requests that may wait for a turn; more get HTTP 429 (default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--allow-media-root", paramLabel = "DIR",
            description = "Allow file:// image and video URLs under this folder (default: file:// URLs are refused).")
    Path mediaRoot;

    @Option(names = "--max-request-mb", defaultValue = "128", paramLabel = "MB",
            description = "Largest request body, data URLs included (default: ${DEFAULT-VALUE} MiB).")
    long maxRequestMb;

    @Option(names = "--default-max-tokens", paramLabel = "N",
            description = "max_tokens when a request gives none (default: ${DEFAULT-VALUE}).")
    int defaultMaxTokens;

    @Option(names = "--allowed-origins", split = ",", paramLabel = "ORIGIN",
            description = "Web pages whose browsers may call this server (e.g. http://localhost:3000; * for any). "
                    + "Default: none, so a web page cannot drive the server through the user's browser.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--reasoning-parser", paramLabel = "qwen3|none",
            description = "qwen3: answers carry their <think> block in reasoning_content apart from content, as vLLM "
                    + "with --reasoning-parser qwen3 (default: qwen3 for a local Qwen3-VL / Cosmos-Reason2 model, "
                    + "none otherwise).")
    String reasoningParser;

    @Option(names = "--no-remote-media", description = "Refuse http(s) image and video URLs (data: URLs still work).")
    boolean noRemoteMedia;

    @Option(names = "--allowed-media-hosts", split = ",", paramLabel = "HOST",
            description = "Fetch http(s) media only from these hosts (private and loopback ones included). Default: any "
                    + "public host; loopback and private addresses are refused.")
    List<String> allowedMediaHosts = new ArrayList<>();

    @Mixin
    PlacementOptions placement;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (mediaRoot != null && !Files.isDirectory(mediaRoot)) {
            throw new EngineException("--allow-media-root " + mediaRoot + " is not a folder");
        }
        if (RemoteOptions.isUrl(model) && remoteModel == null) {
            throw new EngineException(RemoteOptions.unnamedModel(model));
        }
        PrintWriter err = spec.commandLine().getErr();
        ServeOptions options = options();
        BindSafety.warning(host, options.apiKey()).ifPresent(w -> err.println("framewise: warning: " + w));
        CountDownLatch stopped = new CountDownLatch(1);
        boolean splitReasoning = splitReasoning();
        try (InferenceBackend backend = Backends.open(model, remoteModel, placement);
             OpenAiServer server = OpenAiServer.start(backend, options, splitReasoning)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "framewise-serve-shutdown"));
            err.println("framewise: serving '" + options.modelId() + "' (" + backend.describe() + ") at "
                    + server.baseUri() + (host.equals("0.0.0.0") ? " and every other address of this machine" : "")
                    + "; Ctrl-C stops");
            err.flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether answers split off reasoning_content: as asked, else for a local Qwen3-VL model. */
    private boolean splitReasoning() {
        if (reasoningParser == null) return !RemoteOptions.isUrl(model) && AskCommand.reason2(Backends.modelFolder(model));
        return switch (reasoningParser) {
            case "qwen3" -> true;
            case "none" -> false;
            default -> throw new EngineException("--reasoning-parser takes qwen3 or none, not '" + reasoningParser + "'");
        };
    }

    /** The options, each checked with a one-line usage error naming the flag (never a stack trace). */
    private ServeOptions options() {
        if (port < 0 || port > 65535) throw new EngineException("--port must be 0..65535 (0 picks a free port), not " + port);
        if (apiKey != null && apiKey.isBlank()) {
            throw new EngineException("--api-key is empty: give a key, or leave the option out to serve without one");
        }
        if (maxConcurrency < 1) throw new EngineException("--max-concurrency must be at least 1, not " + maxConcurrency);
        if (maxQueue < 0) throw new EngineException("--max-queue must be 0 or more, not " + maxQueue);
        if (maxRequestMb < 1 || maxRequestMb > 2047) {
            throw new EngineException("--max-request-mb must be 1..2047, not " + maxRequestMb);
        }
        if (defaultMaxTokens < 1) throw new EngineException("--default-max-tokens must be at least 1, not " + defaultMaxTokens);
        if (placement.maxModelLen < 0) throw new EngineException("--max-model-len must be 0 (the model's) or more");
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : allowedOrigins) {
            String o = origin.strip();
            if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
                throw new EngineException("--allowed-origins takes origins such as http://localhost:3000 "
                        + "(scheme, host and port, no path), not '" + origin + "'");
            }
            origins.add(o);
        }
        try {
            return new ServeOptions(modelId(), host, port, apiKey, maxConcurrency, maxQueue, mediaRoot,
                    maxRequestMb << 20, ServeOptions.DEFAULT_MAX_FETCH_BYTES, ServeOptions.DEFAULT_FETCH_TIMEOUT,
                    defaultMaxTokens, origins, new MediaUrlPolicy(!noRemoteMedia, Set.copyOf(allowedMediaHosts)));
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage());
        }
    }

    private String modelId() {
        if (servedName != null) return servedName;
        if (RemoteOptions.isUrl(model)) return remoteModel;
        Path name = Path.of(model).toAbsolutePath().normalize().getFileName();
        return name == null ? model : name.toString();
    }
}
