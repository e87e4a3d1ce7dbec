package dev.framewise.cli;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.batch.ResultJson;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.estimate.Calibration;
import dev.framewise.engine.estimate.CostEstimateJson;
import dev.framewise.engine.estimate.CostEstimator;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.model.JsonFields;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.reasoning.CoordinateSpace;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.engine.reasoning.ReasoningSection;
import dev.framewise.engine.reasoning.ReasoningSegment;
import dev.framewise.engine.store.sizing.FitCheck;
import dev.framewise.engine.text.MessagesFile;
import dev.framewise.sessions.record.AskRun;
import dev.framewise.sessions.record.SessionRunRecorder;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code framewise ask}: one question to a model, streamed to the terminal (reasoning and answer under their
 * own headings) or printed as one JSON object with {@code --json}. Sampling defaults are the ones
 * nvidia-cosmos/cosmos-reason1 recommends.
 */
@Command(name = "ask", mixinStandardHelpOptions = true, defaultValueProvider = ConventionDefaults.class,
        description = "Ask a model a question and print its reasoning and answer.",
        footerHeading = "%nMedia defaults:%n",
        footer = {"--prompt with --image/--video applies the Cosmos-Reason1 convention: its system prompt "
                + "(unless --no-reasoning-format), its sampling defaults above, and for a video 4 fps and 12845056 "
                + "pixels over all frames; --fps, --nframes, --min-pixels and --max-pixels replace those.",
                "A local Cosmos-Reason2 / Qwen3-VL model follows Cosmos-Reason2's convention instead: the reasoning "
                        + "add-on after the question, and for options not given 4096 tokens, top-k 20, repetition "
                        + "penalty 1; with reasoning temperature 0.6, top-p 0.95; with --no-reasoning-format "
                        + "temperature 0.7, top-p 0.8, presence penalty 1.5; a video at 2 fps within 11324620 pixels "
                        + "over all frames (cosmos-reason2's inference.py for its recommended --max-model-len 16384).",
                "--messages is used verbatim: no convention is added, and each image and video part follows "
                        + "qwen-vl-utils with its defaults for what the part leaves out (a video without fps or "
                        + "nframes: 2 fps; per video frame 100352 to 602112 pixels within 90316800 over all frames; "
                        + "per image 3136 to 12845056 pixels)."})
public final class AskCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|REPO|URL",
            description = "Model folder (Hugging Face layout), a Hugging Face repo already downloaded (nvidia/Cosmos-Reason1-7B, "
                    + "see framewise models), or an OpenAI-compatible server's http(s)://host:port/v1 (with --remote-model).")
    String model;

    @CommandLine.Mixin
    RemoteOptions remote;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "The question (one user turn).")
        String prompt;

        @Option(names = "--messages", paramLabel = "FILE",
                description = "A whole conversation as JSON in the Hugging Face chat format, used verbatim.")
        Path messages;
    }

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt (with --prompt).")
    String system;

    @Option(names = "--no-reasoning-format", description = "Do not add the Cosmos-Reason <think>/<answer> instruction.")
    boolean noReasoningFormat;

    @Option(names = "--max-tokens", description = "Most tokens to generate (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", description = "0 is greedy (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", description = "Nucleus sampling mass (default ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--top-k", description = "Sample among the K likeliest tokens, 0 = all (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--repetition-penalty", description = "Default ${DEFAULT-VALUE}.")
    double repetitionPenalty;

    @Option(names = "--presence-penalty", description = "Lowers the logit of every token already generated by this "
            + "much, as vLLM/OpenAI, in -2..2 (default ${DEFAULT-VALUE}).")
    double presencePenalty;

    @Option(names = "--frequency-penalty", description = "Lowers the logit of a token already generated by this much "
            + "per occurrence, as vLLM/OpenAI, in -2..2 (default ${DEFAULT-VALUE}).")
    double frequencyPenalty;

    @Option(names = "--seed", description = "Random seed; the same seed and input give the same answer.")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when this text appears (repeatable).")
    List<String> stop = new ArrayList<>();

    @Option(names = "--ignore-eos", description = "Keep generating to --max-tokens past the end-of-sequence token.")
    boolean ignoreEos;

    @Option(names = "--top-logprobs", description = "Alternatives reported per token (default ${DEFAULT-VALUE}).")
    int topLogprobs;

    @CommandLine.Mixin
    PlacementOptions placement;

    @Option(names = "--session", paramLabel = "FILE",
            description = "Also record the run (question, parameters, frames, outcome) into this session file, creating it if needed.")
    Path session;

    /** The local model's folder once resolved; null for a remote model. */
    private Path modelFolder;

    @Option(names = "--json", description = "Print one JSON object instead of streaming text (with the boxes, points, "
            + "trajectories and time segments the answer names: grounding, segments).")
    boolean json;

    @Option(names = "--dry-run", description = "Plan the question without running the model: frames, vision tokens, "
            + "prompt tokens, memory and the time to the first token on this machine (weights are not loaded).")
    boolean dryRun;

    @Option(names = "--evidence", description = "Also compute frame evidence: the share of the answer's attention "
            + "to each frame group's vision tokens (see docs/frame-evidence.md); printed as frame_evidence with --json.")
    boolean evidence;

    @CommandLine.Mixin
    MediaOptions media = new MediaOptions();

    @Option(names = "--prefill-chunk", paramLabel = "TOKENS",
            description = "Prompt tokens per prefill call of the embedded engine: smaller bounds memory more tightly "
                    + "(default " + LanguageModel.DEFAULT_PREFILL_CHUNK + ", " + LanguageModel.QUANTIZED_PREFILL_CHUNK
                    + " with int8/int4 weights on the CPU).")
    Integer prefillChunk; // null: the model's default

    @Override
    public void run() {
        GenerationParams params;
        Precision precision;
        Precision lmHead;
        List<ContentPart> mediaParts;
        try {
            params = GenerationParams.builder().maxTokens(maxTokens).temperature(temperature).topP(topP).topK(topK)
                    .repetitionPenalty(repetitionPenalty).presencePenalty(presencePenalty)
                    .frequencyPenalty(frequencyPenalty).seed(seed).stop(stop).ignoreEos(ignoreEos)
                    .topLogprobs(topLogprobs).evidence(evidence).build();
            precision = placement.precision();
            lmHead = placement.lmHead();
            if (input.messages != null && media.given()) {
                throw new IllegalArgumentException("media options go with --prompt; a --messages file gives each "
                        + "image and video part its own options");
            }
            mediaParts = media.parts();
            if (prefillChunk != null && prefillChunk < 1) {
                throw new IllegalArgumentException("--prefill-chunk must be 1 or more tokens");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (dryRun && (session != null || RemoteOptions.isUrl(model))) {
            throw new CommandLine.ParameterException(spec.commandLine(), session != null
                    ? "--dry-run runs nothing, so there is nothing to record in --session: leave one of them out"
                    : "--dry-run plans a question for a model folder; a server's costs are not known here");
        }
        if (session != null) new SessionRunRecorder().checkCanRecord(session); // a damaged session is refused before anything else
        modelFolder = RemoteOptions.isUrl(model) ? null : Backends.modelFolder(model);
        if (reason2(modelFolder)) {
            params = Reason2Defaults.apply(params, spec.commandLine().getParseResult(), !noReasoningFormat);
        }
        PromptConvention convention = ModelFamilies.convention(modelFolder);
        if (input.messages == null) mediaParts = media.parts(convention); // checked above; now with the family's video defaults
        List<ChatMessage> messages = input.messages != null ? MessagesFile.read(input.messages)
                : convention.question(mediaParts, input.prompt, !noReasoningFormat, system);
        PrintWriter out = spec.commandLine().getOut();
        if (modelFolder != null && !placement.dtypeGiven() && !"cuda".equalsIgnoreCase(placement.device)) {
            var choice = FitCheck.precisionBeforeLoad(modelFolder);
            if (choice.isPresent()) {
                precision = choice.get().precision();
                spec.commandLine().getErr().println("framewise: " + choice.get().message());
            }
        }
        if (dryRun) {
            dryRun(messages, params, precision, out);
            return;
        }
        AskEstimate estimate = modelFolder == null ? null : AskEstimate.before(modelFolder, precision, placement.device,
                placement.maxModelLen, messages, params.maxTokens());
        EmbeddedOptions options = new EmbeddedOptions(precision, placement.device, media.timestampOverlay,
                EmbeddedOptions.DEFAULT_VISION_CACHE_BYTES).withContextLimit(placement.maxModelLen)
                .withLmHead(lmHead)
                .withPrefillChunk(prefillChunk == null ? LanguageModel.AUTO_PREFILL_CHUNK : prefillChunk);
        try (InferenceBackend backend = modelFolder == null ? remote.open(model)
                : EmbeddedBackend.open(modelFolder, options,
                        LoadProgressLine.forTerminal(spec.commandLine().getErr(), modelFolder.getFileName().toString()))) {
            GenerationRequest request = new GenerationRequest(messages, params);
            PrintWriter err = spec.commandLine().getErr();
            if (json) {
                GenerationResult result = generate(backend, request,
                        WorkProgressLine.forTerminal(err, GenerationListener.NONE), estimate);
                out.println(ResultJson.withGrounding(ResultJson.of(result, true), result, coordinateSpace()));
            } else {
                TerminalStream stream = new TerminalStream(out);
                GenerationResult result = generate(backend, request, WorkProgressLine.forTerminal(err, stream), estimate);
                stream.finish();
                Timings t = result.timings();
                spec.commandLine().getErr().printf(Locale.ROOT,
                        "[%s · %d prompt tokens%s · %d generated · prefill %.1f tok/s · decode %.1f tok/s · %s]%n",
                        backend.describe(), t.promptTokens(), t.cachedPromptTokens() > 0
                                ? " (" + t.cachedPromptTokens() + " from the prompt cache)" : "",
                        t.generatedTokens(), t.prefillTokensPerSecond(),
                        t.decodeTokensPerSecond(), result.finishReason().name().toLowerCase(Locale.ROOT));
            }
        } finally {
            if (estimate != null) estimate.close();
        }
        out.flush();
    }

    /** {@code --dry-run}: the plan and its cost, from config, tokenizer, template and media probes; no weights. */
    private void dryRun(List<ChatMessage> messages, GenerationParams params, Precision precision, PrintWriter out) {
        try (CostEstimator estimator = CostEstimator.open(modelFolder, precision, placement.device,
                placement.maxModelLen, Calibration.forThisUser())) {
            CostEstimator.Planned planned = estimator.estimate(messages, params.maxTokens());
            String name = modelFolder.getFileName().toString();
            out.println(json ? CostEstimateJson.of(name, planned, estimator).toString()
                    : CostEstimateJson.text(name, planned.estimate()));
        }
    }

    /**
     * Whether {@code --prompt} follows Cosmos-Reason2's convention (a local Qwen3-VL model): its sampling defaults
     * then replace Cosmos-Reason1's for the options not given.
     */
    static boolean reason2(Path folder) {
        return ModelFamilies.convention(folder) == PromptConvention.COSMOS_REASON2;
    }

    /**
     * What the answer's grounding coordinates measure: by the local model's family; a server's model by its name
     * (Qwen3-VL and Cosmos-Reason2 normalise to 0–1000, others write pixels of their input).
     */
    private CoordinateSpace coordinateSpace() {
        if (modelFolder != null) {
            return CoordinateSpace.ofModelType(JsonFields.read(modelFolder.resolve(ModelConfig.FILE_NAME))
                    .requireString("model_type"));
        }
        return CoordinateSpace.ofModel(remote.remoteModel, model);
    }

    /** Generates, and with {@code --session} records the run (also a failed one) into that session file. */
    private GenerationResult generate(InferenceBackend backend, GenerationRequest request, GenerationListener listener,
                                      AskEstimate estimate) {
        SessionRunRecorder recorder = session == null ? null : new SessionRunRecorder();
        CostEstimate cost = estimate == null ? null : estimate.estimate();
        try {
            GenerationResult result;
            try {
                result = backend.generate(request, listener, new CancellationToken());
            } finally {
                if (listener instanceof WorkProgressLine line) line.erase();
            }
            if (estimate != null) estimate.after(result.timings());
            if (recorder != null) recorder.record(askRun(request, result, null, backend, cost));
            return result;
        } catch (EngineException e) {
            if (recorder != null) recorder.record(askRun(request, null, e.getMessage(), backend, cost));
            throw e;
        }
    }

    private AskRun askRun(GenerationRequest request, GenerationResult result, String error,
                                      InferenceBackend backend, CostEstimate estimate) {
        String name = modelFolder == null ? remote.remoteModel : modelFolder.getFileName().toString();
        return new AskRun(session, request, result, error, backend.describe(), name, modelFolder,
                modelFolder == null ? model : null, input.messages == null && !noReasoningFormat, input.prompt)
                .withEstimate(estimate);
    }

    /** Streams text as it comes, with a heading whenever the response moves between reasoning and answer. */
    static final class TerminalStream implements GenerationListener {
        private final PrintWriter out;
        private final ReasoningParser parser = new ReasoningParser();
        private ReasoningSection shown;

        TerminalStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onToken(TokenEvent token) {
            print(parser.accept(token.text()));
        }

        void finish() {
            print(parser.finish());
            out.println();
            out.flush();
        }

        private void print(List<ReasoningSegment> segments) {
            for (ReasoningSegment s : segments) {
                // whitespace between the tags is no part of either section
                if (s.text().isEmpty() || s.section() == ReasoningSection.OUTSIDE && s.text().isBlank()) continue;
                ReasoningSection section = s.section() == ReasoningSection.REASONING ? ReasoningSection.REASONING
                        : ReasoningSection.ANSWER;
                String text = s.text();
                if (section != shown) {
                    if (shown != null) out.println();
                    out.println(section == ReasoningSection.REASONING ? "── reasoning ──" : "── answer ──");
                    shown = section;
                    text = text.stripLeading();
                }
                out.print(text);
            }
            out.flush();
        }
    }
}
