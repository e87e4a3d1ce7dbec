package dev.framewise.engine.family.qwen3vl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.model.ChunkProgress;
import dev.framewise.engine.model.EncodedMedia;
import dev.framewise.engine.model.MediaTimes;
import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.MropePositions;
import dev.framewise.engine.vision.VisionInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.framewise.engine.family.qwen3vl.Qwen3Fixture.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Qwen3-VL's prompt expansion (timestamps, per-patch vision blocks) and get_rope_index against the fixture. */
class Qwen3VlMediaPromptsTest {
    private static final Qwen3VlConfig CONFIG = Qwen3VlConfig.read(Qwen3Fixture.dir());

    @ParameterizedTest
    @ValueSource(strings = {"a_text", "b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void positionIdsFollowGetRopeIndex(String id) {
        JsonNode c = Qwen3Fixture.named(id);
        List<EncodedMedia> media = new ArrayList<>();
        for (String key : new String[] {"image_grid_thw", "video_grid_thw"}) {
            if (!c.has(key)) continue;
            for (JsonNode g : c.get(key)) {
                GridThw grid = new GridThw(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt());
                VisionInput.Kind kind = key.startsWith("image") ? VisionInput.Kind.IMAGE : VisionInput.Kind.VIDEO;
                media.add(new EncodedMedia(kind, grid, 0f, List.of(), new float[grid.tokens(2) * 128], 128));
            }
        }
        Qwen3VlMediaPrompts prompts = new Qwen3VlMediaPrompts(null, null, CONFIG, null, null, null, "test");
        MropePositions positions = prompts.positions(ints(c.get("input_ids")),
                media.stream().filter(m -> m.kind() == VisionInput.Kind.IMAGE).toList(),
                media.stream().filter(m -> m.kind() == VisionInput.Kind.VIDEO).toList());
        long[][] expected = Qwen3Fixture.positionIds(c);
        for (int axis = 0; axis < 3; axis++) assertThat(positions.asLongs()[axis]).containsExactly(expected[axis]);
        assertThat(positions.ropeDelta()).isEqualTo(c.get("rope_deltas").asLong());
    }

    @Test
    void videoPlaceholderExpandsToTimestampedBlocks() {
        JsonNode c = Qwen3Fixture.named("d_video");
        EncodedMedia video = new EncodedMedia(VisionInput.Kind.VIDEO, new GridThw(4, 4, 4), 0f, List.of(),
                new float[16 * 128], 128, List.of(), VideoTimestamps.texts(new long[] {0, 2, 4, 6, 9, 11, 13, 15}, 4.0, 2));
        Qwen3VlMediaPrompts prompts = new Qwen3VlMediaPrompts(null, null, CONFIG, null, null, null, "test");
        assertThat(prompts.expandVisionPads(c.get("prompt_text").asText(), List.of(video)))
                .isEqualTo(c.get("prompt_text_expanded").asText());
        assertThatThrownBy(() -> prompts.expandVisionPads(c.get("prompt_text").asText(), List.of()))
                .hasMessageContaining("video placeholders");
    }

    /** Qwen3-VL reads each frame's time as text; a video asking for the drawn overlay is refused with what to do. */
    @Test
    void aVideoAskingForTheTimestampOverlayIsRefused() {
        Qwen3VlMediaPrompts prompts = new Qwen3VlMediaPrompts(null, null, CONFIG, null, null, null, "test");
        ContentPart.Video video = ContentPart.Video.of(Path.of("clip.mp4")).withTimestampOverlay(true);
        assertThatThrownBy(() -> prompts.encode(video, ChunkProgress.NONE, new MediaTimes()))
                .isInstanceOf(EngineException.class)
                .hasMessage("timestamp-overlay is for Qwen2.5-VL models (Cosmos-Reason1); Qwen3-VL is told each frame's "
                        + "time as text already: drop the option");
    }
}
