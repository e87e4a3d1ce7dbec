package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.model.GoldenCase;
import dev.framewise.engine.model.TestDevice;
import dev.framewise.engine.model.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static dev.framewise.cli.AskCommandTest.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code framewise ask} with images and video on the tiny fixture: the user path of issue 4's golden cases. */
class AskVisionTest {
    private static final String MODEL = TinyModel.dir().toString();

    /** The case's messages with media paths made absolute (they are relative to the fixture folder). */
    private static Path messagesFile(Path dir, GoldenCase c) throws IOException {
        ArrayNode messages = (ArrayNode) c.messages().deepCopy();
        for (JsonNode message : messages) {
            for (JsonNode part : message.get("content")) {
                for (String key : new String[] {"image", "video"}) {
                    if (part.has(key)) {
                        ((ObjectNode) part).put(key, TinyModel.dir().resolve(part.get(key).asText()).toString());
                    }
                }
            }
        }
        Path file = dir.resolve("messages.json");
        Files.writeString(file, messages.toString());
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void greedyTokensOfTheGoldenCasesThroughTheCli(String id, @TempDir Path dir) throws IOException {
        GoldenCase c = GoldenCase.named(id);
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--messages", messagesFile(dir, c).toString(),
                "--temperature", "0", "--repetition-penalty", "1", "--max-tokens", "16", "--ignore-eos",
                "--dtype", "fp32", "--device", TestDevice.name(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());

        assertThat(ints(json.get("prompt_token_ids"))).containsExactly(c.inputIds());
        assertThat(StreamSupport.stream(json.get("tokens").spliterator(), false).mapToInt(t -> t.get("id").asInt())
                .toArray()).containsExactly(c.greedyTokens());
        int[] firstTop = StreamSupport.stream(json.get("tokens").get(0).get("top").spliterator(), false)
                .mapToInt(t -> t.get("id").asInt()).toArray();
        assertThat(firstTop).containsExactly(c.top5());
        JsonNode grids = c.json().has("image_grid_thw") ? c.json().get("image_grid_thw") : c.json().get("video_grid_thw");
        assertThat(json.get("vision")).hasSize(grids.size());
        for (int i = 0; i < grids.size(); i++) assertThat(json.get("vision").get(i).get("grid_thw")).isEqualTo(grids.get(i));
        if (c.json().has("videos")) {
            JsonNode video = c.json().get("videos").get(0);
            assertThat(json.get("frames")).hasSize(video.get("nframes").asInt());
            for (int i = 0; i < video.get("nframes").asInt(); i++) {
                assertThat(json.get("frames").get(i).get("index").asLong()).isEqualTo(video.get("frame_indices").get(i).asLong());
                assertThat(json.get("frames").get(i).get("timestamp_s").asDouble())
                        .isEqualTo(video.get("frame_timestamps_s").get(i).asDouble());
            }
        } else {
            assertThat(json.get("frames")).isEmpty();
        }
    }

    @Test
    void promptWithVideoFlagsSamplesLikeTheMessagesFile() throws IOException {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "Which object moved first?",
                "--video", TinyModel.dir().resolve("inputs/d_video.mov").toString(), "--fps", "1.5",
                "--min-pixels", "3136", "--max-pixels", "4000", "--max-tokens", "2", "--device", "cpu", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(StreamSupport.stream(json.get("frames").spliterator(), false).mapToLong(f -> f.get("index").asLong())
                .toArray()).containsExactly(0, 5, 9, 14, 18, 23);
        assertThat(json.get("vision").get(0).get("kind").asText()).isEqualTo("video");
        assertThat(json.get("vision").get(0).get("tokens").asInt()).isEqualTo(12);
    }

    @Test
    void evidenceGivesOneSharePerTemporalPatchOfTheVideo() throws IOException {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "Which object moved first?",
                "--video", TinyModel.dir().resolve("inputs/d_video.mov").toString(), "--fps", "1.5",
                "--min-pixels", "3136", "--max-pixels", "4000", "--max-tokens", "3", "--temperature", "0",
                "--device", "cpu", "--json", "--evidence");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode evidence = new ObjectMapper().readTree(run.out()).get("frame_evidence");
        // 6 sampled frames, 2 per temporal patch
        assertThat(evidence).hasSize(3);
        double sum = 0;
        for (JsonNode share : evidence) {
            assertThat(share.asDouble()).isBetween(0.0, 1.0);
            sum += share.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void promptWithImagesAndTheTimestampOverlay() throws IOException {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "Compare them.",
                "--image", TinyModel.dir().resolve("inputs/e_image1.png").toString(),
                "--image", TinyModel.dir().resolve("inputs/e_image2.png").toString(),
                "--video", TinyModel.dir().resolve("inputs/d_video.mov").toString(), "--nframes", "4",
                "--timestamp-overlay", "--max-tokens", "2", "--device", "cpu", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode vision = new ObjectMapper().readTree(run.out()).get("vision");
        assertThat(vision).hasSize(3);
        assertThat(vision.get(0).get("grid_thw").toString()).isEqualTo("[1,4,4]");
        assertThat(vision.get(1).get("grid_thw").toString()).isEqualTo("[1,2,8]");
        // 4 frames of 56 x 56, brought up to the qwen-vl-utils video minimum of 128 * 28 * 28 pixels (336 x 336),
        // plus the 28-row time border: 2 frame pairs of 26 x 24 patches
        assertThat(vision.get(2).get("grid_thw").toString()).isEqualTo("[2,26,24]");
    }

    @Test
    void videoOptionsWithoutAVideoAreAUsageError() {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "hi", "--fps", "2");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("need --video");
    }

    @Test
    void aMissingImageIsOneClearLine() {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "hi", "--image", "/nonexistent/cat.png",
                "--device", "cpu");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("framewise: cat.png").contains("not found").doesNotContain("\n");
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }
}
