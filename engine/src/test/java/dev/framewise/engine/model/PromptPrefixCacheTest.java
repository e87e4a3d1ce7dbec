package dev.framewise.engine.model;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.generate.Generator;
import dev.framewise.engine.generate.PromptPrefixCache;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.PreprocessorConfig;
import dev.framewise.engine.vision.VisionInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prompt-prefix KV cache on the tiny model (fp32, CPU): a second question about the same video prefills only
 * the part after the shared prefix and gives the logits of a cold run; other media or media options miss.
 */
class PromptPrefixCacheTest {
    private static final ModelConfig CONFIG = ModelFamilies.readConfig(TinyModel.dir());
    private static final GoldenCase VIDEO = GoldenCase.named("d_video");
    private static TensorProgram program;
    private static LanguageModel model;
    private static VisionEncoder encoder;
    private static QwenTokenizer tokenizer;
    private static MediaEncoder media;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
        Weights weights = Weights.open(TinyModel.dir());
        model = LanguageModel.load(program, CONFIG.text(), weights, Precision.FP32, TestDevice.device());
        encoder = VisionEncoder.load(program, CONFIG.vision(), weights, Precision.FP32, TestDevice.device());
        tokenizer = QwenTokenizer.load(TinyModel.dir());
        VisionInputs inputs = new VisionInputs(new ImagePreprocessor(PreprocessorConfig.load(TinyModel.dir())));
        media = new MediaEncoder(inputs, encoder, new VisionEmbeddingCache(64L << 20), "qwen25vl-tiny fp32", false);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        encoder.close();
        model.close();
        program.close();
    }

    /** The golden video prompt with one token of the question replaced: another question on the same clip. */
    private static int[] otherQuestion() {
        int[] ids = VIDEO.inputIds().clone();
        ids[ids.length - 10] = ids[ids.length - 10] == 500 ? 501 : 500;
        return ids;
    }

    private static PreparedPrompt prompt(int[] ids) {
        List<EncodedMedia> encoded = MultimodalPromptTest.parts(VIDEO).stream().map(media::encode).toList();
        return MultimodalPrompt.prepare(program, model, CONFIG, ids, encoded);
    }

    @Test
    void suffixPrefillAfterTheSharedPrefixGivesTheLogitsOfAColdRun() {
        int[] first = VIDEO.inputIds();
        int[] second = otherQuestion();
        float[] cold;
        try (KvCache cache = model.newCache(64); PreparedPrompt p = prompt(second)) {
            cold = model.prefill(cache, p.embeddings(), p.positionIds());
        }
        try (PromptPrefixCache prefixes = new PromptPrefixCache(16L << 20)) {
            PromptPrefixCache.Lease lease = prefixes.acquire("video", first, 64, model::newCache);
            assertThat(lease.reused()).isZero();
            try (PreparedPrompt p = prompt(first)) {
                model.prefill(lease.cache(), p.embeddings(), p.positionIds(), 0);
                model.decode(lease.cache(), 7, lease.cache().length() + p.ropeDeltas()); // an answer token, dropped later
            }
            prefixes.release("video", first, lease.cache(), null);

            PromptPrefixCache.Lease warm = prefixes.acquire("video", second, 64, model::newCache);
            float[] logits;
            try (PreparedPrompt p = prompt(second)) {
                logits = model.prefill(warm.cache(), p.embeddings(), p.positionIds(), warm.reused());
            }
            prefixes.release("video", second, warm.cache(), null);

            assertThat(warm.reused()).isEqualTo(second.length - 10);
            double maxAbs = IntStream.range(0, cold.length).mapToDouble(i -> Math.abs(cold[i])).max().orElseThrow();
            for (int i = 0; i < cold.length; i++) assertThat((double) logits[i]).isCloseTo(cold[i], within(1e-5 * maxAbs));
        }
    }

    @Test
    void generatorPrefillsOnlyTheNewQuestionAndAnswersAsColdRun() {
        GenerationParams params = GenerationParams.greedy(6);
        String key = "tiny\n" + media.identity(messages(MultimodalPromptTest.parts(VIDEO).get(0)));
        Generator cold = new Generator(model, Set.of(2002));
        try (PromptPrefixCache prefixes = new PromptPrefixCache(16L << 20)) {
            Generator warm = new Generator(model, Set.of(2002), prefixes);
            Generator.Outcome firstRun = run(warm, VIDEO.inputIds(), params, key);
            Generator.Outcome secondRun = run(warm, otherQuestion(), params, key);
            Generator.Outcome coldRun = run(cold, otherQuestion(), params, null);

            assertThat(firstRun.prefilledTokens()).isEqualTo(VIDEO.inputIds().length);
            assertThat(secondRun.prefilledTokens()).isEqualTo(10);
            assertThat(coldRun.prefilledTokens()).isEqualTo(VIDEO.inputIds().length);
            assertThat(secondRun.tokens()).extracting(TokenEvent::id)
                    .containsExactlyElementsOf(coldRun.tokens().stream().map(TokenEvent::id).toList());
            for (int i = 0; i < coldRun.tokens().size(); i++) {
                assertThat(secondRun.tokens().get(i).logprob())
                        .isCloseTo(coldRun.tokens().get(i).logprob(), within(1e-4));
            }
            // the same question again re-uses all of the prompt and its logits: exactly the same answer
            Generator.Outcome again = run(warm, otherQuestion(), params, key);
            assertThat(again.prefilledTokens()).isZero();
            assertThat(again.tokens()).isEqualTo(secondRun.tokens());
        }
    }

    @Test
    void otherMediaOrMediaOptionsMissTheCache() {
        ContentPart.Video video = (ContentPart.Video) MultimodalPromptTest.parts(VIDEO).get(0);
        ContentPart.Video otherFps = new ContentPart.Video(video.path(), 3.0, null, video.minPixels(), video.maxPixels(),
                null, null, null);
        ContentPart.Video otherPixels = new ContentPart.Video(video.path(), video.fps(), null, video.minPixels(),
                2 * video.maxPixels(), null, null, null);
        ContentPart.Image image = (ContentPart.Image) MultimodalPromptTest.parts(GoldenCase.named("b_image_exact")).get(0);
        ContentPart.Image otherImage = (ContentPart.Image) MultimodalPromptTest.parts(GoldenCase.named("c_image_resize")).get(0);
        String key = media.identity(messages(video));

        assertThat(media.identity(messages(video))).isEqualTo(key);
        assertThat(media.identity(messages(otherFps))).isNotEqualTo(key);
        assertThat(media.identity(messages(otherPixels))).isNotEqualTo(key);
        assertThat(media.identity(messages(image))).isNotEqualTo(media.identity(messages(otherImage)));

        try (PromptPrefixCache prefixes = new PromptPrefixCache(16L << 20)) {
            Generator warm = new Generator(model, Set.of(2002), prefixes);
            GenerationParams params = GenerationParams.greedy(2);
            run(warm, VIDEO.inputIds(), params, key);
            assertThat(run(warm, VIDEO.inputIds(), params, media.identity(messages(otherFps))).prefilledTokens())
                    .isEqualTo(VIDEO.inputIds().length);
            assertThat(run(warm, VIDEO.inputIds(), params, key).prefilledTokens()).isZero();
        }
    }

    @Test
    void keepsCachesWithinItsBudget() {
        long oneCache;
        try (KvCache probe = model.newCache(256)) {
            oneCache = probe.bytes();
        }
        int[] ids = VIDEO.inputIds();
        try (PromptPrefixCache prefixes = new PromptPrefixCache(oneCache + 1)) {
            PromptPrefixCache.Lease a = prefixes.acquire("a", ids, 64, model::newCache);
            PromptPrefixCache.Lease b = prefixes.acquire("b", ids, 64, model::newCache);
            assertThat(a.cache().capacity()).isEqualTo(256);
            prefill(a.cache(), ids);
            prefill(b.cache(), ids);
            prefixes.release("a", ids, a.cache(), null);
            prefixes.release("b", ids, b.cache(), null);

            assertThat(prefixes.usedBytes()).isEqualTo(oneCache);
            try (KvCache evicted = prefixes.acquire("a", ids, 64, model::newCache).cache()) {
                assertThat(evicted.length()).isZero();
            }
            PromptPrefixCache.Lease kept = prefixes.acquire("b", ids, 64, model::newCache);
            assertThat(kept.reused()).isEqualTo(ids.length - 1);
            try (KvCache fresh = prefixes.acquire("b", ids, 64, model::newCache).cache()) {
                assertThat(fresh.length()).as("a cache in use is not shared").isZero();
            }
            kept.cache().close();
        }
    }

    private static void prefill(KvCache cache, int[] ids) {
        try (PreparedPrompt p = prompt(ids)) {
            model.prefill(cache, p.embeddings(), p.positionIds());
        }
    }

    private static List<ChatMessage> messages(ContentPart part) {
        return List.of(ChatMessage.user(List.of(part, new ContentPart.Text("?"))));
    }

    private static Generator.Outcome run(Generator generator, int[] ids, GenerationParams params, String key) {
        try (PreparedPrompt p = prompt(ids)) {
            return generator.generate(p, params, 0, tokenizer.streamingDetokenizer(false), t -> { },
                    new CancellationToken(), new Generator.Context(key, List.of()));
        }
    }
}
