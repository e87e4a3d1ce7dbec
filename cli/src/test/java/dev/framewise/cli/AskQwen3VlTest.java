package dev.framewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.family.qwen3vl.Qwen3Fixture;
import dev.framewise.engine.model.TestDevice;
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

/**
 * {@code framewise ask --messages … --json} on the tiny Qwen3-VL fixture, as users run it: prompt ids (chat
 * template, media expansion with timestamps, tokenizer), sampled frames, grids, the first step's top 5 and 16 greedy
 * tokens of every golden case, in fp32; and case b's first tokens in bf16.
 */
class AskQwen3VlTest {
    private static final String MODEL = Qwen3Fixture.dir().toString();

    /** The case's messages with media paths made absolute (they are relative to the fixture folder). */
    static Path messagesFile(Path dir, JsonNode c) throws IOException {
        ArrayNode messages = (ArrayNode) c.get("messages").deepCopy();
        for (JsonNode message : messages) {
            if (!message.get("content").isArray()) continue;
            for (JsonNode part : message.get("content")) {
                for (String key : new String[] {"image", "video"}) {
                    if (part.has(key)) {
                        ((ObjectNode) part).put(key, Qwen3Fixture.dir().resolve(part.get(key).asText()).toString());
                    }
                }
            }
        }
        Path file = dir.resolve("messages.json");
        Files.writeString(file, messages.toString());
        return file;
    }

    private static JsonNode greedy(JsonNode c, Path dir, String dtype, int tokens) throws IOException {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--messages", messagesFile(dir, c).toString(),
                "--temperature", "0", "--repetition-penalty", "1", "--max-tokens", String.valueOf(tokens),
                "--ignore-eos", "--dtype", dtype, "--device", TestDevice.name(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_text", "b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void everyGoldenCaseThroughTheCli(String id, @TempDir Path dir) throws IOException {
        JsonNode c = Qwen3Fixture.named(id);
        JsonNode json = greedy(c, dir, "fp32", 16);

        assertThat(Qwen3Fixture.ints(json.get("prompt_token_ids"))).containsExactly(Qwen3Fixture.ints(c.get("input_ids")));
        assertThat(ids(json.get("tokens"))).containsExactly(Qwen3Fixture.ints(c.get("greedy").get("tokens")));
        int[] top5 = ids(json.get("tokens").get(0).get("top"));
        for (int i = 0; i < 5; i++) assertThat(top5[i]).isEqualTo(c.get("top5").get(i).get("id").asInt());
        assertThat(json.get("text").asText()).isEqualTo(c.get("greedy").get("text").asText());
        JsonNode grids = c.has("image_grid_thw") ? c.get("image_grid_thw") : c.get("video_grid_thw");
        if (grids == null) {
            assertThat(json.get("vision")).isEmpty();
        } else {
            assertThat(json.get("vision")).hasSize(grids.size());
            for (int i = 0; i < grids.size(); i++) {
                assertThat(json.get("vision").get(i).get("grid_thw")).isEqualTo(grids.get(i));
            }
        }
        if (c.has("videos")) {
            JsonNode video = c.get("videos").get(0);
            assertThat(json.get("frames")).hasSize(video.get("nframes").asInt());
            for (int i = 0; i < video.get("nframes").asInt(); i++) {
                assertThat(json.get("frames").get(i).get("index").asLong())
                        .isEqualTo(video.get("frame_indices").get(i).asLong());
            }
        }
    }

    @Test
    void imageCaseKeepsItsFirstTokensInBf16(@TempDir Path dir) throws IOException {
        JsonNode c = Qwen3Fixture.named("b_image_exact");
        JsonNode json = greedy(c, dir, "bf16", 16);
        assertThat(Qwen3Fixture.ints(json.get("prompt_token_ids"))).containsExactly(Qwen3Fixture.ints(c.get("input_ids")));
        assertThat(ids(json.get("tokens"))).containsExactly(Qwen3Fixture.ints(c.get("greedy").get("tokens")));
    }

    @Test
    void promptFlagFollowsTheCosmosReason2Convention() throws IOException {
        JsonNode c = Qwen3Fixture.named("b_image_exact");
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "What is the red object doing?",
                "--image", Qwen3Fixture.dir().resolve("inputs/b_image.png").toString(), "--temperature", "0",
                "--max-tokens", "2", "--dtype", "fp32", "--device", "cpu", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(Qwen3Fixture.ints(json.get("prompt_token_ids"))).containsExactly(Qwen3Fixture.ints(c.get("input_ids")));
    }

    @Test
    void evidenceGivesOneSharePerTemporalPatch(@TempDir Path dir) throws IOException {
        JsonNode c = Qwen3Fixture.named("d_video");
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--messages", messagesFile(dir, c).toString(),
                "--max-tokens", "3", "--temperature", "0", "--device", "cpu", "--json", "--evidence");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode evidence = new ObjectMapper().readTree(run.out()).get("frame_evidence");
        assertThat(evidence).hasSize(4); // 8 frames, 2 per temporal patch
        double sum = 0;
        for (JsonNode share : evidence) {
            assertThat(share.asDouble()).isBetween(0.0, 1.0);
            sum += share.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void timestampOverlayIsRefusedWithAReason() {
        AskCommandTest.Run run = ask("ask", "--model", MODEL, "--prompt", "What moved?", "--video",
                Qwen3Fixture.dir().resolve("inputs/d_video.mov").toString(), "--timestamp-overlay", "--max-tokens", "1",
                "--device", "cpu");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--timestamp-overlay").contains("Qwen3-VL").doesNotContain("Exception");
    }

    private static int[] ids(JsonNode tokens) {
        return StreamSupport.stream(tokens.spliterator(), false).mapToInt(t -> t.get("id").asInt()).toArray();
    }
}
