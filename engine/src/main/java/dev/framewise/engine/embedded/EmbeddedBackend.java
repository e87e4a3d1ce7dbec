package dev.framewise.engine.embedded;

import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.RenderedPrompt;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.WorkProgress;
import dev.framewise.engine.family.MediaPrompts;
import dev.framewise.engine.family.MediaSetup;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.generate.ContextBudget;
import dev.framewise.engine.generate.Generator;
import dev.framewise.engine.generate.PromptPrefixCache;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.DeviceMemory;
import dev.framewise.engine.model.EncodedMedia;
import dev.framewise.engine.model.GenerationConfig;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.MediaTimes;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.PreparedPrompt;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.reasoning.ParsedResponse;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.engine.text.ChatTemplate;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.torch.NativeProcess;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchThread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleConsumer;

/**
 * The embedded engine: a checkpoint folder loaded into this process and run on libtorch through DJL. The
 * conversation is rendered with the checkpoint's own chat template, tokenized, prefilled and decoded by the
 * {@link Generator}; the text is split into reasoning and answer by the {@link ReasoningParser}.
 * One generation at a time ({@link #generate} is synchronized); loading, generating and closing run on the
 * {@link TorchThread}, whatever thread calls.
 */
public final class EmbeddedBackend implements InferenceBackend {
    private final Path modelDir;
    private final ModelConfig config;
    private final QwenTokenizer tokenizer;
    private final ChatTemplate template;
    private final TensorProgram program;
    private final LanguageModel model;
    private final Generator generator;
    private final MediaPrompts media;         // the family's media encoding and prompt preparation
    private final PromptConvention convention; // the family's
    private final PromptPrefixCache prefixCache;
    private final String modelKey;             // model, precision and device: part of every prompt-prefix key
    private final int contextLimit;            // --max-model-len, 0: the model's max_position_embeddings
    private Double prefillKernelRate;          // FLOP/s, measured when first asked
    private double pendingLoadMs;

    private EmbeddedBackend(Path modelDir, ModelConfig config, QwenTokenizer tokenizer, ChatTemplate template,
                            TensorProgram program, LanguageModel model, MediaPrompts media,
                            PromptConvention convention, Set<Integer> eosIds,
                            long prefixCacheBytes, int contextLimit, int prefillChunk,
                            double loadMs) {
        this.modelDir = modelDir;
        this.config = config;
        this.tokenizer = tokenizer;
        this.template = template;
        this.program = program;
        this.model = model;
        this.media = media;
        this.prefixCache = new PromptPrefixCache(prefixCacheBytes);
        this.convention = convention;
        this.modelKey = modelKey(modelDir, model.precision(), model.device());
        this.generator = new Generator(model, eosIds, prefixCache, prefillChunk);
        this.pendingLoadMs = loadMs;
        this.contextLimit = contextLimit;
    }

    /** What cached vision embeddings and prompt prefixes depend on besides their inputs: the model and its placement. */
    static String modelKey(Path modelDir, Precision precision, ComputeDevice device) {
        return modelDir.toAbsolutePath() + " " + precision + " " + device;
    }

    /** Loads a Hugging Face checkpoint folder (config, generation config, tokenizer, chat template, weights). */
    public static EmbeddedBackend open(Path modelDir, EmbeddedOptions options) {
        return open(modelDir, options, fraction -> { });
    }

    /**
     * As {@link #open(Path, EmbeddedOptions)}, reporting 0..1 while the language model's weights are prepared; the
     * callback may throw {@link java.util.concurrent.CancellationException} to stop loading (nothing stays loaded).
     */
    public static EmbeddedBackend open(Path modelDir, EmbeddedOptions options, DoubleConsumer progress) {
        return TorchThread.call(() -> load(modelDir, options, progress));
    }

    private static EmbeddedBackend load(Path modelDir, EmbeddedOptions options, DoubleConsumer progress) {
        long start = System.nanoTime();
        if (!Files.isDirectory(modelDir)) {
            throw new EngineException("model folder " + modelDir + " does not exist or is not a folder; give the "
                    + "folder holding config.json and the safetensors files");
        }
        ModelConfig config = ModelFamilies.readConfig(modelDir);
        ModelFamily family = ModelFamilies.forModelType(config.modelType());
        GenerationConfig generationConfig = GenerationConfig.read(modelDir);
        Weights weights = Weights.open(modelDir);
        ChatTemplate template = ChatTemplate.load(modelDir);
        ComputeDevice device = ComputeDevice.resolve(options.device());
        QwenTokenizer tokenizer = QwenTokenizer.load(modelDir);
        TensorProgram program = null;
        try {
            program = family.loadProgram();
            LanguageModel model = family.loadLanguageModel(program, config, weights, options.precision(), device,
                    progress, options.lmHead());
            MediaPrompts prompts = family.loadMediaPrompts(program, model, config, weights,
                    new MediaSetup(modelDir, options.precision(), device, options.visionCacheBytes(),
                            options.timestampOverlay(), modelKey(modelDir, options.precision(), device)));
            Set<Integer> eos = new HashSet<>(generationConfig.eosTokenIds());
            return new EmbeddedBackend(modelDir, config, tokenizer, template, program, model, prompts,
                    family.promptConvention(), eos, options.prefixCacheBytes(), options.contextLimit(),
                    options.prefillChunk(), (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) {
            tokenizer.close();
            if (program != null) program.close();
            throw e;
        }
    }

    /** The model family's convention (Cosmos-Reason2's for a Qwen3-VL model, Cosmos-Reason1's otherwise). */
    @Override
    public PromptConvention convention() {
        return convention;
    }

    @Override
    public String describe() {
        // the family in the header: its prompt convention, sampling and grounding coordinates follow from it
        return modelDir.getFileName() + " (" + ModelFamilies.forModelType(config.modelType()).name() + ") on "
                + model.device() + " (" + model.precision().name().toLowerCase() + ")";
    }

    /** The prompt the template renders for a conversation, with the generation prompt appended. */
    public String renderPrompt(List<ChatMessage> messages) {
        return template.render(messages, true);
    }

    /** Encodes the media as a run would (through the vision cache) so the count is the prefill's exactly. */
    @Override
    public synchronized RenderedPrompt renderedPrompt(GenerationRequest request) {
        return TorchThread.call(() -> {
            for (ChatMessage m : request.messages()) {
                for (ContentPart part : m.content()) {
                    if (part instanceof ContentPart.Image i) Media.checkFile(i.path());
                    if (part instanceof ContentPart.Video v) Media.checkFile(v.path());
                }
            }
            String text = renderPrompt(request.messages());
            List<EncodedMedia> media = encodeMedia(request.messages(), GenerationListener.NONE, new CancellationToken(),
                    new MediaTimes());
            String expanded = this.media.expandVisionPads(text, media);
            int tokens = tokenizer.encode(expanded).length;
            int withoutMedia = tokenizer.encode(text).length - media.size(); // one placeholder per medium
            return new RenderedPrompt(onePadPerBlock(expanded), tokens, Math.max(0, Math.min(tokens, tokens - withoutMedia)));
        });
    }

    /**
     * The language model's own prefill kernel at a chunk's rows ({@link LanguageModel#prefillProductFlopsPerSecond}),
     * measured on the torch thread the first time it is asked (after a generation in progress, if any) and kept.
     */
    @Override
    public OptionalDouble prefillKernelFlopsPerSecond() {
        synchronized (this) {
            if (prefillKernelRate == null) {
                prefillKernelRate = TorchThread.call(() -> model.prefillProductFlopsPerSecond(
                        model.defaultPrefillChunk(), 3));
            }
            return OptionalDouble.of(prefillKernelRate);
        }
    }

    /**
     * The vision-cache hits of the request's media and the prompt-prefix cache's re-usable tokens, as a run would
     * find them now. Not synchronized with {@link #generate} (the caches and the tokenizer are thread-safe), so the
     * preview does not wait for a run to end. The prefix is counted only when every medium is cached: the prompt's
     * token ids need each medium's grid, which a miss would have to decode first.
     */
    @Override
    public CachedWork cachedWork(GenerationRequest request) {
        List<Boolean> cached = new ArrayList<>();
        List<EncodedMedia> hits = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Text) continue;
                EncodedMedia hit = media.hasVision() ? media.cached(part) : null;
                cached.add(hit != null);
                if (hit != null) hits.add(hit);
            }
        }
        if (hits.size() < cached.size()) return new CachedWork(cached, 0);
        int[] ids = tokenizer.encode(media.expandVisionPads(renderPrompt(request.messages()), hits));
        int reused = prefixCache.reusable(prefixKey(request.messages()), ids, ids.length + request.params().maxTokens());
        return new CachedWork(cached, reused);
    }

    /**
     * The expanded prompt made readable again: each run of vision pads shown as one pad, so that what a family writes
     * around them (Qwen3-VL's {@code <t seconds>} before each temporal patch of a video) stays in view.
     */
    static String onePadPerBlock(String expanded) {
        StringBuilder out = new StringBuilder(Math.min(expanded.length(), 1 << 16));
        int i = 0;
        while (i < expanded.length()) {
            String pad = expanded.startsWith(QwenTokenizer.VIDEO_PAD, i) ? QwenTokenizer.VIDEO_PAD
                    : expanded.startsWith(QwenTokenizer.IMAGE_PAD, i) ? QwenTokenizer.IMAGE_PAD : null;
            if (pad == null) {
                out.append(expanded.charAt(i++));
                continue;
            }
            out.append(pad);
            while (expanded.startsWith(pad, i)) i += pad.length();
        }
        return out.toString();
    }

    @Override
    public synchronized GenerationResult generate(GenerationRequest request, GenerationListener listener,
                                                  CancellationToken cancel) {
        return TorchThread.call(() -> generateHere(request, listener, cancel));
    }

    private GenerationResult generateHere(GenerationRequest request, GenerationListener listener,
                                          CancellationToken cancel) {
        long start = System.nanoTime();
        GenerationParams params = request.params();
        long seed = params.seed() != null ? params.seed() : ThreadLocalRandom.current().nextLong();
        listener.onStage("preparing the prompt", -1);
        for (ChatMessage m : request.messages()) {
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Image i) Media.checkFile(i.path()); // before hashing: a FIFO would block
                if (part instanceof ContentPart.Video v) Media.checkFile(v.path());
            }
        }
        checkVideosFit(request.messages(), params.maxTokens());
        MediaTimes mediaTimes = new MediaTimes();
        List<EncodedMedia> media;
        try {
            media = encodeMedia(request.messages(), listener, cancel, mediaTimes);
        } catch (CancellationException e) {
            NativeProcess.releaseFreeHeap();
            return GenerationResult.builder().model(modelDir.getFileName().toString())
                    .finishReason(FinishReason.CANCELLED).seed(seed)
                    .timings(new Timings(pendingLoadMs, 0, (System.nanoTime() - start) / 1e6, 0, 0, 0, 0, 0)).build();
        }
        List<FrameRef> frames = media.stream().flatMap(m -> m.frames().stream()).toList();
        if (!frames.isEmpty()) listener.onFrames(frames);
        double visionMs = (System.nanoTime() - start) / 1e6; // media decode and vision encode, split below
        int[] ids = tokenizer.encode(this.media.expandVisionPads(renderPrompt(request.messages()), media));
        budget().check(ids.length, params.maxTokens(), false);
        try (PreparedPrompt prompt = this.media.prepare(ids, media)) {
            double preprocessMs = (System.nanoTime() - start) / 1e6 - visionMs;
            listener.onStage("reading the prompt", -1);
            Generator.Context context = new Generator.Context(prefixKey(request.messages()),
                    params.evidence() ? this.media.frameGroups(ids, media) : List.of());
            Generator.Outcome out = generator.generate(prompt, params, seed, tokenizer.streamingDetokenizer(false),
                    listener::onToken, cancel, context, listener::onProgress);
            if (out.finishReason() == FinishReason.CANCELLED) NativeProcess.releaseFreeHeap();
            ParsedResponse parsed = ReasoningParser.parse(out.text());
            // what the media stage took besides decoding and the tower (probing, hashing, cache look-ups) counts as preparing
            double mediaOther = Math.max(0, visionMs - mediaTimes.decodeMs() - mediaTimes.encodeMs());
            Timings timings = new Timings(pendingLoadMs, preprocessMs + mediaOther, mediaTimes.encodeMs(),
                    out.prefillMs(), out.firstTokenMs(), out.decodeMs(), ids.length, out.tokens().size(),
                    ids.length - out.prefilledTokens(), mediaTimes.decodeMs());
            pendingLoadMs = 0;
            return GenerationResult.builder().model(modelDir.getFileName().toString()).promptTokenIds(ids)
                    .tokens(out.tokens()).text(out.text()).parsed(parsed.reasoning(), parsed.answer()).frames(frames)
                    .frameEvidence(out.frameEvidence()).timings(timings).finishReason(out.finishReason()).seed(seed)
                    .vision(media.stream().map(m -> m.visionGrid(config.vision().patchSize())).toList()).build();
        } catch (ai.djl.engine.EngineException e) {
            throw runFailed(e);
        }
    }

    /** The context length and free memory a prompt must fit, measured now (the prompt-prefix cache may have grown). */
    private ContextBudget budget() {
        return ContextBudget.of(config.text(), model.precision(), model.device(), contextLimit,
                DeviceMemory.freeBytes(model.device()));
    }

    /**
     * Refuses, before any frame is decoded or encoded, a conversation whose videos alone would overflow the budget:
     * their tokens are counted from each video's sampling plan (frame count and resized size from the probe), the
     * text from the prompt with one pad per medium. Videos already in the vision-embedding cache cost nothing to
     * count again; images are counted exactly after encoding (they are small).
     */
    private void checkVideosFit(List<ChatMessage> messages, int maxTokens) {
        if (!media.hasVision()) return;
        long videoTokens = 0;
        for (ChatMessage m : messages) {
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Video video && !media.isCached(video)) {
                    videoTokens += media.plannedTokens(video) - 1; // its one pad in the rendered prompt becomes these
                }
            }
        }
        if (videoTokens <= 0) return;
        long estimate = tokenizer.encode(renderPrompt(messages)).length + videoTokens;
        budget().check((int) Math.min(Integer.MAX_VALUE, estimate), maxTokens, true);
    }

    /**
     * The run's tensors are closed by now (try-with-resources); on CUDA their blocks also go back from torch's
     * caching allocator to the driver, so a failed run leaves the GPU as it found it, and an out-of-memory says
     * what to lower rather than ending the process.
     */
    private EngineException runFailed(ai.djl.engine.EngineException e) {
        String first = firstLine(e.getMessage());
        if (model.device() == ComputeDevice.CUDA) {
            try {
                TensorProgram.emptyCudaCache();
            } catch (RuntimeException | LinkageError ignored) {
                // freeing the cache is a courtesy to other processes; the run's own tensors are already closed
            }
            if (first.contains("out of memory")) {
                return new EngineException("the GPU ran out of memory during this run (" + first + "); the model stays "
                        + "loaded: lower --max-tokens, --max-pixels, --fps or --nframes, or ask about a shorter clip", e);
            }
        }
        return new EngineException("the model failed while generating (" + first
                + "); if memory ran out, lower max tokens, shorten the prompt or give the vision fewer tokens", e);
    }

    /**
     * Every image and video of the conversation in order of appearance, through the vision-embedding cache
     * (qwen-vl-utils {@code process_vision_info} + the processor + the vision tower on a miss).
     */
    private List<EncodedMedia> encodeMedia(List<ChatMessage> messages, GenerationListener listener,
                                           CancellationToken cancel, MediaTimes times) {
        List<ContentPart> parts = messages.stream().flatMap(m -> m.content().stream())
                .filter(p -> !(p instanceof ContentPart.Text)).toList();
        if (parts.isEmpty()) return List.of();
        if (!this.media.hasVision()) {
            throw new EngineException(modelDir.getFileName() + " is a text-only model (no vision_config): it cannot "
                    + "look at images or videos; use a Qwen2.5-VL or Cosmos-Reason1 checkpoint");
        }
        listener.onStage("looking at the images and video", -1);
        List<EncodedMedia> encoded = new ArrayList<>(parts.size());
        for (ContentPart part : parts) {
            if (cancel.isCancelled()) throw new CancellationException();
            encoded.add(media.encode(part, (done, total) -> {
                listener.onProgress(new WorkProgress(WorkProgress.Stage.VISION_ENCODE, done, total));
                if (cancel.isCancelled()) throw new CancellationException();
            }, times));
        }
        return encoded;
    }

    /**
     * What a prompt's keys and values depend on besides its token ids: the model, precision and device, and the
     * identity of its images and videos.
     */
    private String prefixKey(List<ChatMessage> messages) {
        return media.hasVision() ? modelKey + "\n" + media.identity(messages) : modelKey;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        TorchThread.run(() -> {
            prefixCache.close();
            media.close();
            model.close();
            program.close();
            tokenizer.close();
        });
    }
}
