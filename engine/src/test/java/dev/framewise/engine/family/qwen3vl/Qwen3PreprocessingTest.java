package dev.framewise.engine.family.qwen3vl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.text.ChatTemplate;
import dev.framewise.engine.text.MessagesFile;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.PreprocessorConfig;
import dev.framewise.engine.vision.VisionInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.framewise.engine.family.qwen3vl.Qwen3Fixture.floats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Qwen3-VL's media and prompt preparation against the fixture: chat template, qwen-vl-utils 0.0.14 sizes, frames and
 * timestamps, the fused normalisation (pixel values bit for bit), the prompt expansion and get_rope_index.
 */
class Qwen3PreprocessingTest {
    private static final Qwen3VlConfig CONFIG = Qwen3VlConfig.read(Qwen3Fixture.dir());

    private static List<ChatMessage> messages(JsonNode c) {
        return MessagesFile.parse(c.get("messages"), Qwen3Fixture.dir(), Qwen3Fixture.dir().resolve("cases.json"));
    }

    private static Qwen3MediaInputs inputs() {
        return new Qwen3MediaInputs(ImagePreprocessor.fusedWithoutResize(PreprocessorConfig.load(Qwen3Fixture.dir())));
    }

    @Test
    void configReadsTheNestedQwen3Fields() {
        assertThat(CONFIG.text().headDim()).isEqualTo(40);
        assertThat(CONFIG.text().mropeSection()).containsExactly(10, 5, 5);
        assertThat(CONFIG.text().ropeTheta()).isEqualTo(100.0);
        assertThat(CONFIG.text().tieWordEmbeddings()).isFalse();
        assertThat(CONFIG.vision().deepstackVisualIndexes()).containsExactly(1, 2);
        assertThat(CONFIG.vision().factor()).isEqualTo(32);
        assertThat(CONFIG.vision().positionGridSide()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_text", "b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void theCheckpointsTemplateRendersThePrompt(String id) {
        JsonNode c = Qwen3Fixture.named(id);
        assertThat(ChatTemplate.load(Qwen3Fixture.dir()).render(messages(c), true)).isEqualTo(c.get("prompt_text").asText());
    }

    @Test
    void thinkTagsAreSingleTokens() {
        try (QwenTokenizer tokenizer = QwenTokenizer.load(Qwen3Fixture.dir())) {
            assertThat(tokenizer.encode("<think>\nhm\n</think>")).startsWith(2024).endsWith(2025);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "e_two_images"})
    void imagePixelValuesAreBitExact(String id) {
        JsonNode c = Qwen3Fixture.named(id);
        List<float[]> parts = new ArrayList<>();
        int k = 0;
        for (ChatMessage m : messages(c)) {
            for (ContentPart part : m.content()) {
                if (!(part instanceof ContentPart.Image image)) continue;
                VisionInput input = inputs().image(image);
                JsonNode grid = c.get("image_grid_thw").get(k++);
                assertThat(input.grid()).isEqualTo(new GridThw(grid.get(0).asInt(), grid.get(1).asInt(), grid.get(2).asInt()));
                parts.add(input.pixels().values());
            }
        }
        float[] expected = floats(c.get("pixel_values"));
        float[] actual = new float[expected.length];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, actual, at, p.length);
            at += p.length;
        }
        assertThat(at).isEqualTo(expected.length);
        assertThat(actual).containsExactly(expected);
    }

    @Test
    void videoFramesTimestampsAndPixelValuesMatchQwenVlUtils() {
        JsonNode c = Qwen3Fixture.named("d_video");
        JsonNode video = c.get("videos").get(0);
        ContentPart.Video part = (ContentPart.Video) messages(c).get(1).content().get(0);
        Qwen3MediaInputs.Video v = inputs().video(part);
        long[] indices = v.input().frames().stream().mapToLong(f -> f.index()).toArray();
        assertThat(indices).containsExactly(toLongs(video.get("frame_indices")));
        assertThat(v.input().grid()).isEqualTo(new GridThw(4, 4, 4));
        assertThat(v.timestampTexts()).containsExactly("<0.2 seconds>", "<1.2 seconds>", "<2.5 seconds>", "<3.5 seconds>");
        assertThat(v.input().pixels().values()).containsExactly(floats(c.get("pixel_values_videos")));
    }

    @Test
    void timestampsRoundTheExactBinaryValueHalfToEven() {
        assertThat(VideoTimestamps.oneDecimal(0.25)).isEqualTo("0.2");
        assertThat(VideoTimestamps.oneDecimal(1.25)).isEqualTo("1.2");
        assertThat(VideoTimestamps.oneDecimal(1.45)).isEqualTo("1.4");
        assertThat(VideoTimestamps.oneDecimal(0.35)).isEqualTo("0.3"); // 0.34999999999999997779...
        assertThat(VideoTimestamps.oneDecimal(2.0)).isEqualTo("2.0");
        assertThat(VideoTimestamps.texts(new long[] {0, 2, 4, 6, 9, 11, 13, 15}, 4.0, 2))
                .containsExactly("<0.2 seconds>", "<1.2 seconds>", "<2.5 seconds>", "<3.5 seconds>");
        assertThat(VideoTimestamps.seconds(new long[] {0, 1, 2}, 2.0, 2)).containsExactly(0.25, 1.0);
    }

    private static long[] toLongs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asLong();
        return out;
    }
}
