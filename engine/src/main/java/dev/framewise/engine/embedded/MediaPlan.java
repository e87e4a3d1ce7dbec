package dev.framewise.engine.embedded;

import dev.framewise.engine.vision.GridThw;
import dev.framewise.engine.vision.VisionInput;

import java.util.List;

/**
 * One image or video part as the vision tower will see it, planned from its probe alone (no frame decoded): the
 * frames to be sampled, the patch grid, the merged vision tokens, and (Qwen3-VL videos) the text before each
 * temporal patch.
 *
 * @param frames sampled frames (1 for an image)
 */
public record MediaPlan(VisionInput.Kind kind, int frames, int resizedHeight, int resizedWidth, GridThw grid,
                        int tokens, List<String> timestampTexts) {
    public MediaPlan {
        timestampTexts = List.copyOf(timestampTexts);
    }

    /** Rows the vision tower's patch embedding takes: t · h · w. */
    public long patches() {
        return grid.patches();
    }
}
