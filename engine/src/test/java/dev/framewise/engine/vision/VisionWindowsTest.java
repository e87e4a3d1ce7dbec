package dev.framewise.engine.vision;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VisionWindowsTest {

    @ParameterizedTest
    @ValueSource(strings = {"b_image_exact", "c_image_resize", "d_video", "e_two_images"})
    void windowLayoutMatchesGolden(String id) {
        JsonNode testCase = TinyFixture.testCase(id);
        JsonNode grids = testCase.has("image_grid_thw") ? testCase.get("image_grid_thw") : testCase.get("video_grid_thw");
        JsonNode vision = testCase.get("vision");

        VisionWindows windows = VisionWindows.of(TinyFixture.grids(grids), 112, 2, 14);

        assertThat(windows.windowIndex()).isEqualTo(TinyFixture.ints(vision.get("window_index")));
        assertThat(windows.cuWindowSeqlens()).isEqualTo(TinyFixture.ints(vision.get("cu_window_seqlens")));
        assertThat(windows.cuSeqlens()).isEqualTo(TinyFixture.ints(vision.get("cu_seqlens")));
    }

    @Test
    void reverseIndexUndoesTheWindowOrder() {
        // 7 x 9 merged tokens: windows of 4 x 4 cut both sides unevenly
        VisionWindows windows = VisionWindows.of(List.of(new GridThw(2, 14, 18)), 112, 2, 14);
        int[] order = windows.windowIndex();
        int[] reverse = windows.reverseIndex();
        assertThat(order).hasSize(2 * 7 * 9);
        for (int i = 0; i < order.length; i++) assertThat(order[reverse[i]]).isEqualTo(i);
        // per frame 3 x 3 windows: rows 4+3, columns 4+4+1
        assertThat(windows.cuWindowSeqlens()).startsWith(0, 64, 128, 144, 192, 240, 252, 316);
        assertThat(windows.cuSeqlens()).containsExactly(0, 252, 504);
    }
}
