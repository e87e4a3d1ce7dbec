package dev.framewise.cli;

import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.batch.AskJob;
import dev.framewise.engine.batch.BatchInput;
import dev.framewise.engine.batch.BatchJob;
import dev.framewise.engine.batch.BatchListener;
import dev.framewise.engine.batch.BatchProgress;
import dev.framewise.engine.batch.BatchRow;
import dev.framewise.engine.batch.BatchRunner;
import dev.framewise.engine.batch.BatchSummary;
import dev.framewise.engine.batch.ResultLog;
import dev.framewise.engine.batch.RunEstimator;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.sessions.record.AskRun;
import dev.framewise.sessions.record.SessionRunRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code framewise batch}: many questions about many files, one JSONL line per run (what {@code ask --json}
 * prints, plus the row's inputs, the model and a resume key), resumable, with progress on stderr.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Ask questions about many images and videos; one JSON line per run, resumable.",
                "Either a FOLDER of media with one or more --question, or --manifest FILE (JSONL or CSV with media, "
                        + "question and optional id, system, fps, nframes, seed, temperature, top_p, max_tokens)."})
public final class BatchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", description = "A folder of images and videos (searched recursively).")
    Path folder;

    @Option(names = {"-q", "--question"}, paramLabel = "TEXT", description = "A question asked about every file (repeatable).")
    List<String> questions = new ArrayList<>();

    @Option(names = "--manifest", paramLabel = "FILE", description = "Rows to run: .jsonl or .csv (media, question, options).")
    Path manifest;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "The JSONL results file; appended to, and rows already done there are skipped.")
    Path output;

    @Option(names = "--model", required = true, paramLabel = "DIR|REPO|URL",
            description = "Model folder, a Hugging Face repo already downloaded, or an OpenAI-compatible server's URL (with --remote-model).")
    String model;

    @CommandLine.Mixin
    RemoteOptions remote;

    @CommandLine.Mixin
    PlacementOptions placement;

    @Option(names = "--concurrency", defaultValue = "1", paramLabel = "N",
            description = "Requests in flight against a server (default ${DEFAULT-VALUE}); a model folder runs one at a time.")
    int concurrency;

    @Option(names = "--retry-failed", description = "Run again the rows whose last line is a failure.")
    boolean retryFailed;

    @Option(names = "--session", paramLabel = "FILE", description = "Also record every run into this session file.")
    Path session;

    @Option(names = "--tokens", description = "Also write prompt token ids and every generated token with its logprobs.")
    boolean tokens;

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt (a manifest row's own system wins).")
    String system;

    @Option(names = "--no-reasoning-format", description = "Do not add the Cosmos-Reason <think>/<answer> instruction.")
    boolean noReasoningFormat;

    @Option(names = "--fps", paramLabel = "N", description = "Video frames sampled per second (default 4, as Cosmos-Reason1).")
    Double fps;

    @Option(names = "--nframes", paramLabel = "N", description = "Sample exactly N video frames instead of --fps.")
    Integer nframes;

    @Option(names = "--max-tokens", defaultValue = "4096", description = "Most tokens to generate (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.6", description = "0 is greedy (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Nucleus sampling mass (default ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the K likeliest tokens, 0 = all (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--repetition-penalty", defaultValue = "1.05", description = "Default ${DEFAULT-VALUE}.")
    double repetitionPenalty;

    @Option(names = "--presence-penalty", defaultValue = "0", description = "vLLM's presence penalty, in -2..2 (default ${DEFAULT-VALUE}).")
    double presencePenalty;

    @Option(names = "--frequency-penalty", defaultValue = "0", description = "vLLM's frequency penalty, in -2..2 (default ${DEFAULT-VALUE}).")
    double frequencyPenalty;

    @Option(names = "--seed", description = "Random seed for every row without its own (default: a fresh one per run, recorded).")
    Long seed;

    @Override
    public void run() {
        GenerationParams base;
        List<BatchRow> rows;
        try {
            if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be at least 1");
            if (fps != null && nframes != null) throw new IllegalArgumentException("give --fps or --nframes, not both");
            base = GenerationParams.builder().maxTokens(maxTokens).temperature(temperature).topP(topP).topK(topK)
                    .repetitionPenalty(repetitionPenalty).seed(seed).topLogprobs(tokens ? 5 : 0)
                    .presencePenalty(presencePenalty).frequencyPenalty(frequencyPenalty).build();
            if ((folder == null) == (manifest == null)) {
                throw new IllegalArgumentException("give a FOLDER of media with --question, or --manifest FILE");
            }
            if (folder != null && questions.isEmpty()) throw new IllegalArgumentException("a FOLDER needs at least one --question");
            if (manifest != null && !questions.isEmpty()) {
                throw new IllegalArgumentException("--question goes with a FOLDER; a manifest gives each row its question");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        rows = folder != null ? BatchInput.folder(folder, questions, system, !noReasoningFormat, fps, nframes)
                : BatchInput.manifest(manifest, system, !noReasoningFormat, fps, nframes);
        PrintWriter err = spec.commandLine().getErr();
        BatchModel target = BatchModel.of(model, remote);
        Path modelFolder = target.folder();
        SessionRunRecorder recorder = session == null ? null : new SessionRunRecorder();
        List<BatchJob> jobs = new ArrayList<>();
        PromptConvention convention = ModelFamilies.convention(modelFolder);
        if (convention == PromptConvention.COSMOS_REASON2) {
            base = Reason2Defaults.apply(base, spec.commandLine().getParseResult(), !noReasoningFormat);
        }
        BatchEstimates estimates = target.isRemote() ? null
                : BatchEstimates.open(modelFolder, placement.precision(), placement.device, placement.maxModelLen);
        RunEstimator estimator = estimates == null ? RunEstimator.NONE : estimates;
        for (BatchRow row : rows) {
            jobs.add(new AskJob(row, BatchInput.params(row, base), target.identity(), tokens, convention, estimator));
        }
        int inFlight = target.inFlight(concurrency);
        if (!target.isRemote() && concurrency > 1) err.println("framewise: a model folder runs one question at a time; --concurrency applies to servers");

        try (estimates; ResultLog log = ResultLog.open(output);
             InferenceBackend backend = target.open(remote, placement, err)) {
            BatchListener recording = recorder == null ? BatchListener.NONE : new BatchListener() {
                @Override
                public void onDone(BatchJob job, BatchJob.Outcome outcome, BatchProgress p) {
                    // the estimate made before the run beside its actual timings, as ask and the workbench record
                    recorder.record(askRun(job, outcome.request(), outcome.result(), null, backend, modelFolder)
                            .withEstimate(outcome.estimate()));
                }

                @Override
                public void onFailed(BatchJob job, GenerationRequest request, String message, BatchProgress p) {
                    if (request != null) recorder.record(askRun(job, request, null, message, backend, modelFolder));
                }
            };
            BatchSummary summary = BatchConsole.run(err, recording, (listener, cancel) ->
                    new BatchRunner(backend, log, inFlight, retryFailed, listener).run(jobs, cancel));
            err.println(summaryLine(summary, log.file()));
        }
    }

    private AskRun askRun(BatchJob job, GenerationRequest request, GenerationResult result, String error,
                                      InferenceBackend backend, Path modelFolder) {
        BatchRow row = ((AskJob) job).row();
        String name = modelFolder == null ? remote.remoteModel : modelFolder.getFileName().toString();
        return new AskRun(session, request, result, error, backend.describe(), name, modelFolder,
                modelFolder == null ? model : null, row.reasoningFormat(), row.question());
    }

    static String summaryLine(BatchSummary s, Path file) {
        return String.format(Locale.ROOT, "%d rows: %d done, %d skipped (already in %s), %d failed%s · %s",
                s.rows(), s.done(), s.skipped(), file.getFileName(), s.failed(),
                s.cancelled() > 0 ? ", " + s.cancelled() + " left for next time (stopped)" : "",
                BatchProgressLine.clock(s.elapsed()));
    }
}
