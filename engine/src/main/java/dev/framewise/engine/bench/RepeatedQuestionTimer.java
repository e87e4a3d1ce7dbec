package dev.framewise.engine.bench;

import dev.framewise.engine.generate.Logits;
import dev.framewise.engine.generate.PromptPrefixCache;
import dev.framewise.engine.model.EncodedMedia;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.ModelConfig.VisionConfig;
import dev.framewise.engine.model.MultimodalPrompt;
import dev.framewise.engine.model.PreparedPrompt;
import dev.framewise.engine.model.VisionEmbeddingCache;
import dev.framewise.engine.model.VisionEncoder;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import dev.framewise.engine.vision.PixelValues;
import dev.framewise.engine.vision.VisionInput;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Time to first token of questions about one clip, as the embedded engine answers them: the first question runs the
 * vision tower and prefills the whole prompt; a repeated one (another question on the same clip) finds the
 * embeddings in the vision-embedding cache and the system + media prefix in the prompt-prefix KV cache, so it only
 * prefills its own question. Prompts follow the Qwen2.5-VL chat layout with the published special-token ids.
 */
public final class RepeatedQuestionTimer {
    private static final int IM_START = 151644;
    private static final int IM_END = 151645;
    private static final int VISION_START = 151652;
    private static final int VISION_END = 151653;
    private static final int IMAGE_PAD = 151655;
    private static final int VIDEO_PAD = 151656;
    private static final int NEWLINE = 198;
    private static final int SYSTEM = 8948;
    private static final int USER = 872;
    private static final int ASSISTANT = 77091;
    private static final int SYSTEM_TOKENS = 24;
    private static final int QUESTION_TOKENS = 16;
    private static final VisionEmbeddingCache.Key CLIP = new VisionEmbeddingCache.Key("bench clip", "video", "bench");

    private final TensorProgram program;
    private final LanguageModel model;
    private final VisionEncoder encoder;
    private final ModelConfig config;
    private final VisionEmbeddingCache visionCache = new VisionEmbeddingCache(1L << 30);
    private final PromptPrefixCache prefixCache = new PromptPrefixCache(1L << 30);

    public RepeatedQuestionTimer(TensorProgram program, LanguageModel model, VisionEncoder encoder, VisionConfig vision) {
        this.program = program;
        this.model = model;
        this.encoder = encoder;
        this.config = new ModelConfig("qwen2_5_vl", model.config(), vision, IMAGE_PAD, VIDEO_PAD, VISION_START);
    }

    /** Prints the first question's time to first token and the median of {@code runs} repeated ones. */
    public void report(PrintWriter out, PixelValues video, int runs) {
        warmUp();
        try (prefixCache) {
            int[] prefilled = new int[1];
            double first = timeQuestion(video, 0, prefilled);
            int firstPrefilled = prefilled[0];
            double[] repeated = new double[Math.max(1, runs)];
            for (int i = 0; i < repeated.length; i++) repeated[i] = timeQuestion(video, i + 1, prefilled);
            Arrays.sort(repeated);
            double median = repeated[repeated.length / 2];
            out.printf(Locale.ROOT, "time to first token, %s on %s: first question %.1f ms (%d tokens prefilled), "
                            + "repeated question %.1f ms (%d tokens prefilled): %.1f %% of first%n",
                    video.grids().get(0), model.device(), first, firstPrefilled, median, prefilled[0],
                    100 * median / first);
        }
    }

    /** One short prefill first, so that the first question is not charged with libtorch's first-call set-up. */
    private void warmUp() {
        try (KvCache cache = model.newCache(8);
             PreparedPrompt prompt = PreparedPrompt.text(model, new int[] {IM_START, SYSTEM, NEWLINE})) {
            model.prefill(cache, prompt.embeddings(), prompt.positionIds());
        }
    }

    /** Vision (or its cache), prompt embeddings, prefill of what the prefix cache lacks, and the first token. */
    private double timeQuestion(PixelValues video, int question, int[] prefilled) {
        long start = System.nanoTime();
        EncodedMedia media = visionCache.get(CLIP);
        if (media == null) {
            try (TorchValue embeddings = encoder.encode(video)) {
                media = new EncodedMedia(VisionInput.Kind.VIDEO, video.grids().get(0), 2.0f / 4, List.of(),
                        encoder.toHostFloats(embeddings), encoder.config().outHiddenSize());
            }
            visionCache.put(CLIP, media);
        }
        int[] ids = prompt(media.tokens(), question);
        try (PreparedPrompt prompt = MultimodalPrompt.prepare(program, model, config, ids, List.of(media))) {
            PromptPrefixCache.Lease lease = prefixCache.acquire("bench clip", ids, ids.length + 1, model::newCache);
            float[] logits = model.prefill(lease.cache(), prompt.embeddings(), prompt.positionIds(), lease.reused());
            Logits.argmax(logits);
            prefilled[0] = ids.length - lease.reused();
            prefixCache.release("bench clip", ids, lease.cache(), null);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** {@code system / user: video + question / assistant}, each question's text tokens different. */
    private static int[] prompt(int visionTokens, int question) {
        int[] ids = new int[SYSTEM_TOKENS + visionTokens + QUESTION_TOKENS + 16];
        int n = 0;
        ids[n++] = IM_START;
        ids[n++] = SYSTEM;
        ids[n++] = NEWLINE;
        for (int i = 0; i < SYSTEM_TOKENS; i++) ids[n++] = 1000 + i;
        ids[n++] = IM_END;
        ids[n++] = NEWLINE;
        ids[n++] = IM_START;
        ids[n++] = USER;
        ids[n++] = NEWLINE;
        ids[n++] = VISION_START;
        for (int i = 0; i < visionTokens; i++) ids[n++] = VIDEO_PAD;
        ids[n++] = VISION_END;
        for (int i = 0; i < QUESTION_TOKENS; i++) ids[n++] = 2000 + 97 * question + i;
        ids[n++] = IM_END;
        ids[n++] = NEWLINE;
        ids[n++] = IM_START;
        ids[n++] = ASSISTANT;
        ids[n++] = NEWLINE;
        return Arrays.copyOf(ids, n);
    }
}
