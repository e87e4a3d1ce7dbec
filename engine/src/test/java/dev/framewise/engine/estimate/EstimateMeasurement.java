package dev.framewise.engine.estimate;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.bench.SyntheticCheckpoint;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the estimate against the actual run on a synthetic checkpoint of a published shape, behind
 * docs/performance.md ("Cost preview"). Runs only with {@code -Dframewise.measureEstimate=true}; the shape is
 * {@code -Dframewise.shape} (default qwen2.5-0.5b), the prompt about {@code -Dframewise.promptWords} words. Prints
 * the micro-benchmark's estimate, then (after a warm-up and two refining runs) the refined estimate against three
 * measured runs, stage by stage. The checkpoint has random weights and the tiny fixture's tokenizer and template.
 */
@EnabledIfSystemProperty(named = "framewise.measureEstimate", matches = "true")
class EstimateMeasurement {

    @Test
    void measure(@TempDir Path dir) throws Exception {
        String shape = System.getProperty("framewise.shape", "qwen2.5-0.5b");
        int words = Integer.getInteger("framewise.promptWords", 400);
        Precision precision = Precision.parse(System.getProperty("framewise.dtype", "fp32"));
        Path model = dir.resolve(shape);
        SyntheticCheckpoint.write(model, SyntheticCheckpoint.preset(shape), 42);
        for (String f : List.of("tokenizer.json", "tokenizer_config.json", "chat_template.json")) {
            Files.copy(TinyModel.dir().resolve(f), model.resolve(f));
        }
        List<ChatMessage> messages = List.of(ChatMessage.user(List.of(new ContentPart.Text(
                "Describe what happens in this scene. ".repeat(Math.max(1, words / 6))))));
        GenerationRequest request = new GenerationRequest(messages, GenerationParams.builder().maxTokens(8).temperature(0).ignoreEos(true).build());
        Calibration calibration = new Calibration(dir.resolve("calibration"));
        EmbeddedOptions noCaches = new EmbeddedOptions(precision, "cpu", false, 0, 0);
        try (CostEstimator estimator = CostEstimator.open(model, precision, "cpu", 0, calibration);
             EmbeddedBackend backend = EmbeddedBackend.open(model, noCaches)) {
            CostEstimator.Planned bench = estimator.estimate(messages, 8);
            print("micro-benchmark only", bench.estimate(), null);
            run(backend, request); // warm-up
            for (int i = 0; i < 2; i++) estimator.refine(bench, run(backend, request));
            CostEstimate refined = estimator.estimate(messages, 8).estimate();
            for (int i = 0; i < 3; i++) print("refined by " + refined.calibratedRuns() + " runs, run " + (i + 1), refined,
                    run(backend, request));
        }
    }

    private static Timings run(EmbeddedBackend backend, GenerationRequest request) {
        return backend.generate(request, GenerationListener.NONE, new CancellationToken()).timings();
    }

    private static void print(String what, CostEstimate e, Timings t) {
        System.out.printf(Locale.ROOT, "%-32s prompt %,d tokens  estimate: prefill %.2f s, other %.2f s, first token "
                        + "%.2f s, decode %.1f tok/s, memory %.2f GiB%n", what, e.promptTokens(), e.prefillSeconds(),
                e.overheadSeconds(), e.secondsToFirstToken(), e.decodeTokensPerSecond(), e.memoryBytes() / 1073741824.0);
        if (t != null) {
            System.out.printf(Locale.ROOT, "%-32s prompt %,d tokens  actual:   prefill %.2f s, other %.2f s, first token "
                            + "%.2f s, decode %.1f tok/s; estimate/actual %.2f%n", "", t.promptTokens(),
                    t.prefillMs() / 1000, (t.timeToFirstTokenMs() - t.prefillMs()) / 1000, t.timeToFirstTokenMs() / 1000,
                    t.decodeTokensPerSecond(), e.secondsToFirstToken() * 1000 / t.timeToFirstTokenMs());
        }
    }
}
