package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.family.MediaPlanning;
import dev.framewise.engine.media.QwenVideoSampler;

import java.util.List;

/**
 * Qwen3-VL's media plan: qwen-vl-utils 0.0.14 with patch 16 (factor 32), a timestamp text before each temporal
 * patch of a video, and a video's pads split per temporal patch.
 */
final class Qwen3VlMediaPlanning implements MediaPlanning {
    static final Qwen3VlMediaPlanning INSTANCE = new Qwen3VlMediaPlanning();

    private Qwen3VlMediaPlanning() {
    }

    @Override
    public QwenVideoSampler.Rules videoRules() {
        return QwenVideoSampler.Rules.QWEN3_VL;
    }

    @Override
    public int[] imageSize(int height, int width, ContentPart.Image image, int factor) {
        return Qwen3MediaInputs.targetSize(height, width, image, factor);
    }

    @Override
    public List<String> timestampTexts(long[] indices, double videoFps, int mergeSize) {
        return VideoTimestamps.texts(indices, videoFps, mergeSize);
    }

    @Override
    public String expand(String prompt, List<Integer> imageTokens, List<PlannedVideo> videos) {
        return Qwen3VlMediaPrompts.expand(prompt, imageTokens, videos.stream()
                .map(v -> new Qwen3VlMediaPrompts.VideoSlots(v.tokens() / v.temporalPatches(), v.timestampTexts()))
                .toList());
    }
}
