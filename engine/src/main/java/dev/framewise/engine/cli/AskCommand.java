package dev.framewise.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.engine.reasoning.ReasoningSection;
import dev.framewise.engine.reasoning.ReasoningSegment;
import dev.framewise.engine.text.CosmosPrompt;
import dev.framewise.engine.text.MessagesFile;
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
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Ask a model a question and print its reasoning and answer.")
public final class AskCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|URL",
            description = "Model folder (Hugging Face layout), or an OpenAI-compatible server's http(s)://host:port/v1 (with --remote-model).")
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

    @Option(names = "--seed", description = "Random seed; the same seed and input give the same answer.")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when this text appears (repeatable).")
    List<String> stop = new ArrayList<>();

    @Option(names = "--ignore-eos", description = "Keep generating to --max-tokens past the end-of-sequence token.")
    boolean ignoreEos;

    @Option(names = "--top-logprobs", defaultValue = "5", description = "Alternatives reported per token (default ${DEFAULT-VALUE}).")
    int topLogprobs;

    @Option(names = "--dtype", defaultValue = "bf16", description = "fp32 or bf16 weights (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--json", description = "Print one JSON object instead of streaming text.")
    boolean json;

    @Override
    public void run() {
        GenerationParams params;
        Precision precision;
        try {
            params = new GenerationParams(maxTokens, temperature, topP, topK, repetitionPenalty, seed, stop, ignoreEos,
                    topLogprobs, false);
            precision = Precision.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<ChatMessage> messages = input.messages != null ? MessagesFile.read(input.messages)
                : CosmosPrompt.question(List.of(), input.prompt, !noReasoningFormat, system);
        PrintWriter out = spec.commandLine().getOut();
        try (InferenceBackend backend = RemoteOptions.isUrl(model) ? remote.open(model)
                : EmbeddedBackend.open(Path.of(model), new EmbeddedOptions(precision, device))) {
            GenerationRequest request = new GenerationRequest(messages, params);
            if (json) {
                GenerationResult result = backend.generate(request, GenerationListener.NONE, new CancellationToken());
                out.println(toJson(result));
            } else {
                TerminalStream stream = new TerminalStream(out);
                GenerationResult result = backend.generate(request, stream, new CancellationToken());
                stream.finish();
                Timings t = result.timings();
                spec.commandLine().getErr().printf(Locale.ROOT,
                        "[%s · %d prompt tokens · %d generated · prefill %.1f tok/s · decode %.1f tok/s · %s]%n",
                        backend.describe(), t.promptTokens(), t.generatedTokens(), t.prefillTokensPerSecond(),
                        t.decodeTokensPerSecond(), result.finishReason().name().toLowerCase(Locale.ROOT));
            }
        }
        out.flush();
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

    static String toJson(GenerationResult r) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", r.model());
        ArrayNode promptIds = root.putArray("prompt_token_ids");
        for (int id : r.promptTokenIds()) promptIds.add(id);
        ArrayNode tokens = root.putArray("tokens");
        for (TokenEvent t : r.tokens()) {
            ObjectNode token = tokens.addObject();
            token.put("id", t.id()).put("text", t.text()).put("logprob", t.logprob());
            ArrayNode top = token.putArray("top");
            for (TokenEvent.TopLogprob alt : t.top()) top.addObject().put("id", alt.id()).put("logprob", alt.logprob());
        }
        root.put("text", r.text());
        root.put("reasoning", r.reasoning());
        root.put("answer", r.answer());
        ArrayNode frames = root.putArray("frames");
        for (FrameRef f : r.frames()) frames.addObject().put("index", f.index()).put("timestamp_s", f.timestampSeconds());
        Timings t = r.timings();
        root.putObject("timings").put("load_ms", t.loadMs()).put("preprocess_ms", t.preprocessMs())
                .put("vision_ms", t.visionMs()).put("prefill_ms", t.prefillMs()).put("first_token_ms", t.firstTokenMs())
                .put("decode_ms", t.decodeMs()).put("prompt_tokens", t.promptTokens())
                .put("generated_tokens", t.generatedTokens()).put("prefill_tokens_per_s", t.prefillTokensPerSecond())
                .put("decode_tokens_per_s", t.decodeTokensPerSecond());
        root.put("finish_reason", r.finishReason().name().toLowerCase(Locale.ROOT));
        root.put("seed", r.seed());
        return root.toString();
    }
}
