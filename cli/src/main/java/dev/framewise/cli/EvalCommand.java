package dev.framewise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.batch.BatchListener;
import dev.framewise.engine.batch.ModelIdentity;
import dev.framewise.engine.eval.AnswerStyle;
import dev.framewise.engine.eval.BenchmarkFolder;
import dev.framewise.engine.eval.EvalComparison;
import dev.framewise.engine.eval.EvalMode;
import dev.framewise.engine.eval.EvalProtocol;
import dev.framewise.engine.eval.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code framewise eval DIR --model M}: the Cosmos-Reason1 benchmark protocol over a folder in the layout of
 * nvidia/Cosmos-Reason1-Benchmark; prints the accuracy table and writes answers and reports into OUTDIR.
 * {@code framewise eval compare A.jsonl B.jsonl} sets two runs side by side.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, subcommands = EvalCommand.Compare.class,
        description = {"Evaluate a model on a Cosmos-Reason1-Benchmark folder (the model card's protocol); resumable.",
                "DIR holds one folder per data set: NAME/clips/<id>.mp4 and NAME/NAME_benchmark_qa_pairs.json."})
public final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The benchmark folder.")
    Path dir;

    @Option(names = "--model", paramLabel = "DIR|REPO|URL",
            description = "Model folder, a Hugging Face repo already downloaded, or an OpenAI-compatible server's URL (with --remote-model).")
    String model;

    @CommandLine.Mixin
    RemoteOptions remote;

    @CommandLine.Mixin
    PlacementOptions placement;

    @Option(names = "--datasets", split = ",", paramLabel = "A,B", description = "Only these data sets (default: every one in DIR).")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--mode", defaultValue = "reasoning", paramLabel = "MODE",
            description = "reasoning (<think> then <answer>, sampled) or letter (the letter only, greedy); default ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR",
            description = "Where answers.jsonl, report.md, report.html and summary.json go (default: eval-MODEL-MODE).")
    Path outDir;

    @Option(names = "--answer-style", defaultValue = "auto", paramLabel = "STYLE",
            description = "Where the answer is: tag (<answer>, Cosmos-Reason1), after-think (after </think>, Qwen3-VL / "
                    + "Cosmos-Reason2) or auto (from the model's config or name); default ${DEFAULT-VALUE}.")
    String answerStyle;

    @Option(names = "--concurrency", defaultValue = "1", paramLabel = "N",
            description = "Questions in flight against a server (default ${DEFAULT-VALUE}); a model folder runs one at a time.")
    int concurrency;

    @Option(names = "--retry-failed", description = "Run again the questions whose run failed (no response at all).")
    boolean retryFailed;

    @Option(names = "--fps", defaultValue = "4", description = "evaluate.yaml fps (default ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--max-tokens", defaultValue = "1024", description = "evaluate.yaml max_tokens (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.6", description = "evaluate.yaml temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--repetition-penalty", defaultValue = "1.0", description = "evaluate.yaml repetition_penalty (default ${DEFAULT-VALUE}).")
    double repetitionPenalty;

    @Option(names = "--seed", defaultValue = "1", description = "evaluate.yaml seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-retries", defaultValue = "10", description = "evaluate.yaml max_retries for empty answers (default ${DEFAULT-VALUE}).")
    int maxRetries;

    @Override
    public void run() {
        EvalProtocol protocol;
        try {
            if (dir == null) throw new IllegalArgumentException("give the benchmark folder DIR (or: framewise eval compare A.jsonl B.jsonl)");
            if (model == null) throw new IllegalArgumentException("give --model DIR|REPO|URL");
            if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be at least 1");
            if (!List.of("auto", "tag", "after-think").contains(answerStyle)) {
                throw new IllegalArgumentException("--answer-style must be auto, tag or after-think, not '" + answerStyle + "'");
            }
            protocol = new EvalProtocol(EvalMode.parse(mode), fps, maxTokens, temperature, repetitionPenalty, seed, maxRetries);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchmarkFolder.Contents contents = BenchmarkFolder.read(dir, datasets);
        contents.warnings().forEach(w -> err.println("framewise: " + w));
        BatchModel asked = BatchModel.of(model, remote);
        ModelIdentity identity = asked.identity();
        AnswerStyle style = switch (answerStyle) {
            case "tag" -> AnswerStyle.ANSWER_TAG;
            case "after-think" -> AnswerStyle.AFTER_THINK;
            default -> AnswerStyle.forModel(asked.isRemote() ? null : modelType(asked.folder()), identity.name());
        };
        Path target = outDir != null ? outDir : Path.of("eval-" + identity.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + protocol.mode().id());
        err.printf(Locale.ROOT, "%d questions in %s · %s mode · answers %s%n", contents.tasks().size(),
                String.join(", ", contents.datasets()), protocol.mode().id(),
                style == AnswerStyle.AFTER_THINK ? "after </think>" : "in <answer>");
        int inFlight = asked.inFlight(concurrency);
        try (InferenceBackend backend = asked.open(remote, placement, err)) {
            Evaluation.Outcome outcome = BatchConsole.run(err, BatchListener.NONE, (listener, cancel) -> Evaluation.run(
                    contents, protocol, style, identity, backend, target, inFlight, retryFailed, listener, cancel));
            err.println(BatchCommand.summaryLine(outcome.batch(), target.resolve(Evaluation.ANSWERS)));
            out.print(outcome.report().table());
            out.println("reports: " + target.resolve("report.md") + ", " + target.resolve("report.html"));
        }
        out.flush();
    }

    /** config.json's model_type, or null when unreadable (the answer style then falls back to the model's name). */
    private static String modelType(Path folder) {
        try {
            return new ObjectMapper().readTree(folder.resolve("config.json").toFile()).path("model_type").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Compare two evaluations' answers.jsonl: accuracy difference and the questions that flipped.")
    static final class Compare implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A.jsonl")
        Path a;

        @Parameters(index = "1", paramLabel = "B.jsonl")
        Path b;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(EvalComparison.of(a, b).describe());
            out.flush();
        }
    }
}
