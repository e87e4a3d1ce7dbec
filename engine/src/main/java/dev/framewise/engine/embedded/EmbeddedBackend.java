package dev.framewise.engine.embedded;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.generate.Generator;
import dev.framewise.engine.generate.PreparedPrompt;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.GenerationConfig;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.reasoning.ParsedResponse;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.engine.text.ChatTemplate;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.torch.TensorProgram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The embedded engine: a checkpoint folder loaded into this process and run on libtorch through DJL. The
 * conversation is rendered with the checkpoint's own chat template, tokenized, prefilled and decoded by the
 * {@link Generator}; the text is split into reasoning and answer by the {@link ReasoningParser}.
 * One generation at a time ({@link #generate} is synchronized).
 */
public final class EmbeddedBackend implements InferenceBackend {
    private final Path modelDir;
    private final ModelConfig config;
    private final QwenTokenizer tokenizer;
    private final ChatTemplate template;
    private final TensorProgram program;
    private final LanguageModel model;
    private final Generator generator;
    private double pendingLoadMs;

    private EmbeddedBackend(Path modelDir, ModelConfig config, QwenTokenizer tokenizer, ChatTemplate template,
                            TensorProgram program, LanguageModel model, Set<Integer> eosIds, double loadMs) {
        this.modelDir = modelDir;
        this.config = config;
        this.tokenizer = tokenizer;
        this.template = template;
        this.program = program;
        this.model = model;
        this.generator = new Generator(model, eosIds);
        this.pendingLoadMs = loadMs;
    }

    /** Loads a Hugging Face checkpoint folder (config, generation config, tokenizer, chat template, weights). */
    public static EmbeddedBackend open(Path modelDir, EmbeddedOptions options) {
        long start = System.nanoTime();
        if (!Files.isDirectory(modelDir)) {
            throw new EngineException("model folder " + modelDir + " does not exist or is not a folder; give the "
                    + "folder holding config.json and the safetensors files");
        }
        ModelConfig config = ModelConfig.read(modelDir);
        GenerationConfig generationConfig = GenerationConfig.read(modelDir);
        Weights weights = Weights.open(modelDir);
        ChatTemplate template = ChatTemplate.load(modelDir);
        ComputeDevice device = ComputeDevice.resolve(options.device());
        QwenTokenizer tokenizer = QwenTokenizer.load(modelDir);
        TensorProgram program = null;
        try {
            program = TensorProgram.loadModelProgram();
            LanguageModel model = LanguageModel.load(program, config.text(), weights, options.precision(), device);
            Set<Integer> eos = new HashSet<>(generationConfig.eosTokenIds());
            return new EmbeddedBackend(modelDir, config, tokenizer, template, program, model, eos,
                    (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) {
            tokenizer.close();
            if (program != null) program.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return config;
    }

    public QwenTokenizer tokenizer() {
        return tokenizer;
    }

    public LanguageModel languageModel() {
        return model;
    }

    public TensorProgram program() {
        return program;
    }

    @Override
    public String describe() {
        return modelDir.getFileName() + " on " + model.device() + " (" + model.precision().name().toLowerCase() + ")";
    }

    /** The prompt the template renders for a conversation, with the generation prompt appended. */
    public String renderPrompt(List<ChatMessage> messages) {
        return template.render(messages, true);
    }

    @Override
    public synchronized GenerationResult generate(GenerationRequest request, GenerationListener listener,
                                                  CancellationToken cancel) {
        long start = System.nanoTime();
        GenerationParams params = request.params();
        long seed = params.seed() != null ? params.seed() : ThreadLocalRandom.current().nextLong();
        listener.onStage("preparing the prompt", -1);
        int[] ids = tokenizer.encode(renderPrompt(request.messages()));
        try (PreparedPrompt prompt = preparePrompt(request.messages(), ids)) {
            double preprocessMs = (System.nanoTime() - start) / 1e6;
            listener.onStage("reading the prompt", -1);
            Generator.Outcome out = generator.generate(prompt, params, seed, tokenizer.streamingDetokenizer(false),
                    listener::onToken, cancel);
            ParsedResponse parsed = ReasoningParser.parse(out.text());
            Timings timings = new Timings(pendingLoadMs, preprocessMs, 0, out.prefillMs(), out.firstTokenMs(),
                    out.decodeMs(), ids.length, out.tokens().size());
            pendingLoadMs = 0;
            return new GenerationResult(modelDir.getFileName().toString(), ids, out.tokens(), out.text(),
                    parsed.reasoning(), parsed.answer(), List.of(), List.of(), timings, out.finishReason(), seed);
        } catch (ai.djl.engine.EngineException e) {
            throw new EngineException("the model failed while generating (" + firstLine(e.getMessage())
                    + "); if memory ran out, lower --max-tokens or use --dtype bf16", e);
        }
    }

    /** Token embeddings and M-RoPE positions of the prompt. */
    private PreparedPrompt preparePrompt(List<ChatMessage> messages, int[] ids) {
        for (ChatMessage m : messages) {
            for (ContentPart part : m.content()) {
                if (!(part instanceof ContentPart.Text)) {
                    throw new EngineException("the embedded engine cannot take images or videos yet: ask about text, "
                            + "or use an OpenAI-compatible server (--model http://...)");
                }
            }
        }
        return PreparedPrompt.text(model, ids);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        model.close();
        program.close();
        tokenizer.close();
    }
}
