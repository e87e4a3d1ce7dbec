package dev.framewise.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.PreprocessorConfig;
import dev.framewise.engine.vision.VisionInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images and videos end to end below the CLI: the case's media files through sampling, resize, preprocessing
 * and the vision tower, scattered into the golden input_ids' embeddings at get_rope_index positions; the
 * last-position logits and 16 greedy tokens against golden (fp32, CPU). Also the vision-embedding cache.
 */
class MultimodalPromptTest {
    private static final ModelConfig CONFIG = ModelFamilies.readConfig(TinyModel.dir());
    private static TensorProgram program;
    private static LanguageModel model;
    private static VisionEncoder encoder;

    @BeforeAll
    static void load() {
        program = Qwen25VlFamily.INSTANCE.loadProgram();
        Weights weights = Weights.open(TinyModel.dir());
        model = LanguageModel.load(program, CONFIG.text(), weights, Precision.FP32, TestDevice.device());
        encoder = VisionEncoder.load(program, CONFIG.vision(), weights, Precision.FP32, TestDevice.device());
    }

    @AfterAll
    static void close() {
        encoder.close();
        model.close();
        program.close();
    }

    private static MediaEncoder mediaEncoder(VisionEmbeddingCache cache) {
        VisionInputs inputs = new VisionInputs(new ImagePreprocessor(PreprocessorConfig.load(TinyModel.dir())));
        return new MediaEncoder(inputs, encoder, cache, "qwen25vl-tiny fp32", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void logitsAndGreedyTokensMatchGolden(String id) {
        GoldenCase c = GoldenCase.named(id);
        MediaEncoder media = mediaEncoder(new VisionEmbeddingCache(0));

        try (KvCache cache = model.newCache(128)) {
            PreparedPrompt prompt = prepare(c, media);
            float[] logits;
            try (prompt) {
                assertThat(prompt.positionIds()).isEqualTo(c.positionIds());
                assertThat(prompt.ropeDeltas()).isEqualTo(c.ropeDeltas());
                logits = model.prefill(cache, prompt.embeddings(), prompt.positionIds());
            }
            assertCloseToGolden(logits, c);
            assertThat(LanguageModelTest.topK(logits, 5)).containsExactly(c.top5());

            assertGreedyTokens(logits, cache, prompt.ropeDeltas(), c);
        }
    }

    /** Prefill in chunks of 5 tokens (vision rows split across chunks) meets the same golden logits and tokens. */
    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "d_video"})
    void chunkedPrefillMatchesGolden(String id) {
        GoldenCase c = GoldenCase.named(id);
        MediaEncoder media = mediaEncoder(new VisionEmbeddingCache(0));
        List<int[]> reports = new ArrayList<>();
        try (KvCache cache = model.newCache(128); PreparedPrompt prompt = prepare(c, media)) {
            float[] logits = model.prefill(cache, prompt.embeddings(), prompt.positionIds(), 0, null, 5,
                    (done, total) -> reports.add(new int[] {done, total}));
            assertCloseToGolden(logits, c);
            int length = prompt.length();
            assertThat(cache.length()).isEqualTo(length);
            assertThat(reports).hasSize((length + 4) / 5);
            assertThat(reports.get(reports.size() - 1)).containsExactly(length, length);
            assertGreedyTokens(logits, cache, prompt.ropeDeltas(), c);
        }
    }

    /** A video's temporal slices encoded one per tower call give the embeddings of one call over all of them. */
    @Test
    void videoEncodedPerFrameGroupMatchesOneCall() {
        VisionInputs inputs = new VisionInputs(new ImagePreprocessor(PreprocessorConfig.load(TinyModel.dir())));
        ContentPart.Video video = (ContentPart.Video) parts(GoldenCase.named("d_video")).get(0);
        dev.framewise.engine.vision.PixelValues pixels = inputs.video(video, false).pixels();
        int slices = pixels.grids().get(0).t();
        assertThat(slices).isGreaterThan(1);
        float[] whole = encoder.encodeToHost(pixels, slices, ChunkProgress.NONE);
        List<Integer> done = new ArrayList<>();
        float[] grouped = encoder.encodeToHost(pixels, 1, (d, total) -> done.add(d));
        assertThat(done).containsExactlyElementsOf(IntStream.rangeClosed(1, slices).boxed().toList());
        assertThat(grouped).hasSameSizeAs(whole);
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < whole.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(whole[i]));
            maxDiff = Math.max(maxDiff, Math.abs(whole[i] - grouped[i]));
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5 * maxAbs);
    }

    @Test
    void secondQuestionOnTheSameMediaSkipsTheVisionTowerAndGivesIdenticalLogits() {
        GoldenCase c = GoldenCase.named("d_video");
        MediaEncoder media = mediaEncoder(new VisionEmbeddingCache(64L << 20));
        int before = encoder.towerRuns();
        float[] first = prefillLogits(c, media);
        assertThat(encoder.towerRuns()).isEqualTo(before + 1);

        float[] second = prefillLogits(c, media);

        assertThat(encoder.towerRuns()).isEqualTo(before + 1);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void changedFpsOrPixelBoundsMissTheCache() {
        MediaEncoder media = mediaEncoder(new VisionEmbeddingCache(64L << 20));
        ContentPart.Video video = (ContentPart.Video) parts(GoldenCase.named("d_video")).get(0);
        ContentPart.Image image = (ContentPart.Image) parts(GoldenCase.named("c_image_resize")).get(0);
        media.encode(video);
        media.encode(image);
        int before = encoder.towerRuns();

        media.encode(video);
        media.encode(image);
        assertThat(encoder.towerRuns()).isEqualTo(before);

        media.encode(new ContentPart.Video(video.path(), 3.0, null, video.minPixels(), video.maxPixels(), null, null, null));
        assertThat(encoder.towerRuns()).isEqualTo(before + 1);
        media.encode(new ContentPart.Image(image.path(), null, 2 * 3136, null, null));
        assertThat(encoder.towerRuns()).isEqualTo(before + 2);
    }

    /**
     * A video part that asks for the timestamp overlay gets it from an encoder set up without it, exactly as from one
     * set up with it, and is not served the plain video's cached embeddings; one that declines it gets the plain ones.
     */
    @Test
    void aVideoPartChoosesTheTimestampOverlayForItself() {
        ContentPart.Video video = (ContentPart.Video) parts(GoldenCase.named("d_video")).get(0);
        MediaEncoder plain = mediaEncoder(new VisionEmbeddingCache(64L << 20));
        MediaEncoder overlaid = new MediaEncoder(new VisionInputs(new ImagePreprocessor(PreprocessorConfig.load(TinyModel.dir()))),
                encoder, new VisionEmbeddingCache(0), "qwen25vl-tiny fp32", true);
        float[] without = plain.encode(video).embeddings();
        int before = encoder.towerRuns();

        float[] with = plain.encode(video.withTimestampOverlay(true)).embeddings();

        assertThat(encoder.towerRuns()).isEqualTo(before + 1);
        assertThat(with).isEqualTo(overlaid.encode(video).embeddings()).isNotEqualTo(without);
        assertThat(overlaid.encode(video.withTimestampOverlay(false)).embeddings()).isEqualTo(without);
    }

    @Test
    void cacheEvictsLeastRecentlyUsedBeyondItsBudget() {
        EncodedMedia one = new EncodedMedia(dev.framewise.engine.vision.VisionInput.Kind.IMAGE,
                new dev.framewise.engine.vision.GridThw(1, 2, 2), 0f, List.of(), new float[256], 256);
        VisionEmbeddingCache cache = new VisionEmbeddingCache(2 * one.bytes());
        VisionEmbeddingCache.Key a = new VisionEmbeddingCache.Key("a", "", "m");
        VisionEmbeddingCache.Key b = new VisionEmbeddingCache.Key("b", "", "m");
        VisionEmbeddingCache.Key c = new VisionEmbeddingCache.Key("c", "", "m");
        cache.put(a, one);
        cache.put(b, one);
        cache.get(a);
        cache.put(c, one);
        assertThat(cache.get(b)).isNull();
        assertThat(cache.get(a)).isSameAs(one);
        assertThat(cache.get(c)).isSameAs(one);
        assertThat(cache.usedBytes()).isEqualTo(2 * one.bytes());
    }

    private static float[] prefillLogits(GoldenCase c, MediaEncoder media) {
        try (KvCache cache = model.newCache(128); PreparedPrompt prompt = prepare(c, media)) {
            return model.prefill(cache, prompt.embeddings(), prompt.positionIds());
        }
    }

    private static PreparedPrompt prepare(GoldenCase c, MediaEncoder media) {
        List<EncodedMedia> encoded = parts(c).stream().map(media::encode).toList();
        return MultimodalPrompt.prepare(program, model, CONFIG, c.inputIds(), encoded);
    }

    /** The case's image and video parts with their per-item options, paths resolved against the fixture. */
    static List<ContentPart> parts(GoldenCase c) {
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode message : c.messages()) {
            for (JsonNode part : message.get("content")) {
                String type = part.get("type").asText();
                if (type.equals("image")) {
                    parts.add(new ContentPart.Image(TinyModel.dir().resolve(part.get("image").asText()),
                            integer(part, "min_pixels"), integer(part, "max_pixels"), null, null));
                } else if (type.equals("video")) {
                    parts.add(new ContentPart.Video(TinyModel.dir().resolve(part.get("video").asText()),
                            part.has("fps") ? part.get("fps").asDouble() : null, integer(part, "nframes"),
                            integer(part, "min_pixels"), integer(part, "max_pixels"), integer(part, "total_pixels"),
                            null, null));
                }
            }
        }
        return parts;
    }

    private static Integer integer(JsonNode part, String field) {
        return part.has(field) ? part.get(field).asInt() : null;
    }

    /** The last position's logits within 1e-3 of the golden ones' largest magnitude. */
    private static void assertCloseToGolden(float[] logits, GoldenCase c) {
        float[] golden = c.logitsLast();
        double maxAbs = IntStream.range(0, golden.length).mapToDouble(i -> Math.abs(golden[i])).max().orElseThrow();
        double maxDiff = IntStream.range(0, golden.length).mapToDouble(i -> Math.abs(golden[i] - logits[i])).max()
                .orElseThrow();
        assertThat(maxDiff).isLessThanOrEqualTo(1e-3 * maxAbs);
    }

    /** Greedy decoding from the prefill's {@code logits} gives the golden 16 tokens. */
    private static void assertGreedyTokens(float[] logits, KvCache cache, long ropeDeltas, GoldenCase c) {
        int[] tokens = new int[16];
        float[] step = logits;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = LanguageModelTest.topK(step, 1)[0];
            if (i + 1 < tokens.length) step = model.decode(cache, tokens[i], cache.length() + ropeDeltas);
        }
        assertThat(tokens).containsExactly(c.greedyTokens());
    }
}
