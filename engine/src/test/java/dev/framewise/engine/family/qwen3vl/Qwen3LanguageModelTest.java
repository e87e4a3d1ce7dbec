package dev.framewise.engine.family.qwen3vl;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.model.DeepstackFeatures;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.TestDevice;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static dev.framewise.engine.family.qwen3vl.Qwen3Fixture.assertClose;
import static dev.framewise.engine.family.qwen3vl.Qwen3Fixture.floats;
import static dev.framewise.engine.family.qwen3vl.Qwen3Fixture.ints;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Qwen3 decoder of Qwen3-VL against the fixture, fed the golden ids, positions, vision embeddings and DeepStack
 * features: last-position logits (fp32, 2e-5 of the largest logit) and 16 greedy tokens with the KV cache.
 */
class Qwen3LanguageModelTest {
    private static final double TOLERANCE = 2e-5;
    private static TensorProgram program;
    private static Qwen3VlConfig config;
    private static LanguageModel model;

    @BeforeAll
    static void load() {
        program = Qwen3VlFamily.INSTANCE.loadProgram();
        config = Qwen3VlConfig.read(Qwen3Fixture.dir());
        model = LanguageModel.load(program, config.text(), Weights.open(Qwen3Fixture.dir()), Precision.FP32,
                TestDevice.device(), f -> { }, Qwen3TextLayout.INSTANCE);
    }

    @AfterAll
    static void close() {
        model.close();
        program.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_text", "b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void logitsAndGreedyTokensMatchUpstream(String id) {
        JsonNode c = Qwen3Fixture.named(id);
        int[] ids = ints(c.get("input_ids"));
        long[][] positions = Qwen3Fixture.positionIds(c);
        int[] greedy = ints(c.get("greedy").get("tokens"));
        try (KvCache cache = model.newCache(ids.length + greedy.length); Prompt prompt = prompt(c, ids)) {
            float[] logits = model.prefill(cache, prompt.embeds, positions, 0, prompt.deepstack);
            assertClose(logits, floats(c.get("logits_last")), TOLERANCE, id + " logits_last");
            int[] top5 = IntStream.range(0, logits.length).boxed()
                    .sorted((a, b) -> Float.compare(logits[b], logits[a])).limit(5).mapToInt(i -> i).toArray();
            int[] expectedTop = new int[5];
            for (int i = 0; i < 5; i++) expectedTop[i] = c.get("top5").get(i).get("id").asInt();
            assertThat(top5).containsExactly(expectedTop);
            int[] tokens = new int[greedy.length];
            float[] step = logits;
            for (int n = 0; n < greedy.length; n++) {
                tokens[n] = argmax(step);
                if (n + 1 < greedy.length) step = model.decode(cache, tokens[n], cache.length() + c.get("rope_deltas").asLong());
            }
            assertThat(tokens).containsExactly(greedy);
        }
    }

    /** Prefill in chunks of 3 tokens: the DeepStack rows of each chunk get their features, the logits stay upstream's. */
    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "d_video"})
    void chunkedPrefillMatchesUpstream(String id) {
        JsonNode c = Qwen3Fixture.named(id);
        int[] ids = ints(c.get("input_ids"));
        long[][] positions = Qwen3Fixture.positionIds(c);
        try (KvCache cache = model.newCache(ids.length + 1); Prompt prompt = prompt(c, ids)) {
            float[] logits = model.prefill(cache, prompt.embeds, positions, 0, prompt.deepstack, 3,
                    dev.framewise.engine.model.ChunkProgress.NONE);
            assertClose(logits, floats(c.get("logits_last")), TOLERANCE, id + " logits_last, chunked");
            assertThat(cache.length()).isEqualTo(ids.length);
        }
    }

    @Test
    void deepstackFeaturesChangeTheLogits() {
        JsonNode c = Qwen3Fixture.named("b_image_exact");
        int[] ids = ints(c.get("input_ids"));
        long[][] positions = Qwen3Fixture.positionIds(c);
        float[] with;
        float[] without;
        try (KvCache cache = model.newCache(ids.length); Prompt prompt = prompt(c, ids)) {
            with = model.prefill(cache, prompt.embeds, positions, 0, prompt.deepstack);
        }
        try (KvCache cache = model.newCache(ids.length); Prompt prompt = prompt(c, ids)) {
            without = model.prefill(cache, prompt.embeds, positions, 0, null);
        }
        double diff = 0;
        for (int i = 0; i < with.length; i++) diff = Math.max(diff, Math.abs(with[i] - without[i]));
        assertThat(diff).isGreaterThan(1e-2);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /** The golden prompt: token embeddings with the pad rows replaced by the golden vision embeddings. */
    private record Prompt(TorchValue embeds, DeepstackFeatures deepstack) implements AutoCloseable {
        @Override
        public void close() {
            embeds.close();
            if (deepstack != null) deepstack.close();
        }
    }

    private static Prompt prompt(JsonNode c, int[] ids) {
        TorchValue embeds = model.embed(ids);
        if (!c.has("vision")) return new Prompt(embeds, null);
        int[] rows = IntStream.range(0, ids.length)
                .filter(i -> ids[i] == config.imageTokenId() || ids[i] == config.videoTokenId()).toArray();
        int hidden = config.text().hiddenSize();
        JsonNode vision = c.get("vision");
        float[] levels = new float[vision.get("deepstack").size() * rows.length * hidden];
        for (int k = 0; k < vision.get("deepstack").size(); k++) {
            float[] level = floats(vision.get("deepstack").get(k));
            System.arraycopy(level, 0, levels, k * rows.length * hidden, level.length);
        }
        try (NDManager scope = program.newScope();
             TorchValue replacement = TensorProgram.floats(scope, floats(vision.get("embeds")), rows.length, hidden)) {
            TorchValue replaced = model.replaceRows(embeds, rows, replacement);
            embeds.close();
            TorchValue features = TensorProgram.floats(scope, levels, vision.get("deepstack").size(), rows.length, hidden);
            TorchValue kept = program.call("q3_host_float32", features);
            features.close();
            return new Prompt(replaced, new DeepstackFeatures(rows, kept));
        }
    }
}
