package dev.framewise.engine.family.qwen25vl;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.family.MediaPlanning;
import dev.framewise.engine.media.QwenVideoSampler;
import dev.framewise.engine.text.VisionPadExpansion;
import dev.framewise.engine.vision.MediaResize;

import java.util.List;

/** Qwen2.5-VL's media plan: qwen-vl-utils' original rules (factor 28), one run of pads per image or video. */
final class Qwen25MediaPlanning implements MediaPlanning {
    static final Qwen25MediaPlanning INSTANCE = new Qwen25MediaPlanning();

    private Qwen25MediaPlanning() {
    }

    @Override
    public QwenVideoSampler.Rules videoRules() {
        return QwenVideoSampler.Rules.QWEN2_5_VL;
    }

    @Override
    public int[] imageSize(int height, int width, ContentPart.Image image, int factor) {
        return MediaResize.targetSize(height, width, image.minPixels(), image.maxPixels(), image.resizedHeight(),
                image.resizedWidth());
    }

    @Override
    public String expand(String prompt, List<Integer> imageTokens, List<PlannedVideo> videos) {
        return VisionPadExpansion.expand(prompt, imageTokens, videos.stream().map(PlannedVideo::tokens).toList());
    }
}
