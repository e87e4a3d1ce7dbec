package dev.framewise.cli;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.remote.OpenAiCompatibleBackend;
import dev.framewise.engine.remote.RemoteEndpoint;
import dev.framewise.engine.remote.VideoMode;
import dev.framewise.engine.serve.OpenAiServer;
import dev.framewise.engine.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code framewise bench serve}: a local {@code framewise serve} on loopback under N concurrent streaming
 * clients. Each prompt's greedy answer is taken once first (which also warms the model up); every timed
 * answer must equal it, so a scheduling bug that mixes requests up fails the benchmark instead of speeding it up.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Requests/s, tokens/s and time to first token of framewise serve under concurrent clients.")
public final class ServeBenchCommand implements Runnable {
    private static final List<String> PROMPTS = List.of(
            "Describe what a robot arm must check before grasping a cup.",
            "What happens next when a ball rolls off a table?",
            "Which object moved first, the red block or the blue one?",
            "Is it safe to cross the road now? Explain briefly.");

    @Option(names = "--model", required = true, paramLabel = "DIR|URL", description = "Model folder, or a server URL to bench through serve.")
    String model;

    @Option(names = "--remote-model", paramLabel = "NAME", description = "The model's name when --model is a URL.")
    String remoteModel;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "32", description = "Timed requests in all (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--max-tokens", defaultValue = "32", description = "Tokens per answer (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--max-concurrency", defaultValue = "1",
            description = "The server's --max-concurrency (default: ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Mixin
    PlacementOptions placement;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private record Sample(double firstTokenMs, int tokens, boolean matched) {
    }

    @Override
    public void run() {
        if (clients < 1 || requests < 1) throw new EngineException("--clients and --requests must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        ServeOptions options = ServeOptions.defaults("bench").withPort(0)
                .withLimits(maxConcurrency, clients, ServeOptions.DEFAULT_MAX_BODY_BYTES);
        try (InferenceBackend backend = Backends.open(model, remoteModel, placement);
             OpenAiServer server = OpenAiServer.start(backend, options);
             OpenAiCompatibleBackend client = RemoteOptions.open(server.baseUri().toString(), "bench", null, VideoMode.AUTO,
                     RemoteEndpoint.DEFAULT_READ_TIMEOUT, false)) {
            List<String> expected = new ArrayList<>();
            for (String prompt : PROMPTS) expected.add(ask(client, prompt).text());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                long start = System.nanoTime();
                List<Future<Sample>> pending = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    int which = i % PROMPTS.size();
                    pending.add(pool.submit(() -> {
                        GenerationResult result = ask(client, PROMPTS.get(which));
                        return new Sample(result.timings().firstTokenMs(), result.timings().generatedTokens(),
                                result.text().equals(expected.get(which)));
                    }));
                }
                List<Sample> samples = new ArrayList<>();
                for (Future<Sample> f : pending) samples.add(f.get());
                report(out, samples, (System.nanoTime() - start) / 1e9, backend.describe());
            } finally {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new EngineException("a benchmark request failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private GenerationResult ask(OpenAiCompatibleBackend client, String prompt) {
        GenerationRequest request = new GenerationRequest(List.of(ChatMessage.user(prompt)), GenerationParams.greedy(maxTokens));
        return client.generate(request, GenerationListener.NONE, new CancellationToken());
    }

    private void report(PrintWriter out, List<Sample> samples, double seconds, String backend) {
        double[] ttft = samples.stream().mapToDouble(Sample::firstTokenMs).sorted().toArray();
        long tokens = samples.stream().mapToLong(Sample::tokens).sum();
        long mismatched = samples.stream().filter(s -> !s.matched()).count();
        out.printf(Locale.ROOT, "serve bench: %s, %d clients, %d requests, max %d tokens, server concurrency %d%n",
                backend, clients, requests, maxTokens, maxConcurrency);
        out.printf(Locale.ROOT, "  wall %.2f s, %.2f requests/s, %.1f tokens/s (%d tokens)%n", seconds,
                samples.size() / seconds, tokens / seconds, tokens);
        out.printf(Locale.ROOT, "  time to first token: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(ttft, 50), percentile(ttft, 95), percentile(ttft, 99), ttft.length == 0 ? Double.NaN : ttft[ttft.length - 1]);
        out.printf(Locale.ROOT, "  outputs equal to the single-client answer: %d of %d%n", samples.size() - mismatched, samples.size());
        out.flush();
        if (mismatched > 0) throw new EngineException(mismatched + " answers differed from the single-client answer to the same prompt");
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
