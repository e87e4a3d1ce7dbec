package dev.framewise.engine.family;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.QwenVideoSampler;
import dev.framewise.engine.media.VideoSampling;

import java.util.List;

/**
 * How a family plans its media before any pixel is decoded, for the cost preview ({@code PromptPlanner}), memory
 * sizing ({@code ModelSizer}) and a video's token count ({@link MediaPrompts#plannedTokens}): the qwen-vl-utils
 * release that samples its videos, how it resizes images, the texts it puts beside video frames and how it expands
 * the media placeholders of a rendered prompt. Callers ask the family ({@link ModelFamily#mediaPlanning()}), never
 * test which family it is.
 */
public interface MediaPlanning {

    /** The qwen-vl-utils video rules of the family's release (size factor, per-frame and total pixel budgets). */
    QwenVideoSampler.Rules videoRules();

    /** The {height, width} the family's processor resizes an image of {@code height × width} to. */
    int[] imageSize(int height, int width, ContentPart.Image image, int factor);

    /** The texts before each temporal patch of a sampled video (Qwen3-VL's timestamps); none by default. */
    default List<String> timestampTexts(long[] indices, double videoFps, int mergeSize) {
        return List.of();
    }

    /** The rendered prompt with the k-th image's placeholder expanded to {@code imageTokens[k]} pads, the k-th video's to its plan. */
    String expand(String prompt, List<Integer> imageTokens, List<PlannedVideo> videos);

    /** A video's place in a planned prompt: all its vision tokens, its temporal patches, the texts before each. */
    record PlannedVideo(int tokens, int temporalPatches, List<String> timestampTexts) {
        public PlannedVideo {
            timestampTexts = List.copyOf(timestampTexts);
        }
    }

    /**
     * A video's vision tokens from its sampling plan, before any frame is decoded (0 where it cannot be planned), for
     * a tower of {@code patchSize}² patches, {@code temporalPatchSize} frames deep, merged {@code mergeSize}².
     */
    default long plannedTokens(ContentPart.Video video, int patchSize, int temporalPatchSize, int mergeSize) {
        MediaInfo info;
        try (MediaSource source = Media.open(video.path())) {
            info = source.info();
        }
        if (!info.isVideo()) return 0;
        QwenVideoSampler.SamplingPlan plan;
        try {
            plan = QwenVideoSampler.plan(videoRules(), VideoSampling.of(video), info.frameCount(), info.averageFps(),
                    info.displayHeight(), info.displayWidth());
        } catch (IllegalArgumentException e) {
            return 0; // sampling itself reports it, naming the file
        }
        long gridT = (plan.nframes() + temporalPatchSize - 1) / temporalPatchSize;
        long patches = gridT * (plan.resizedHeight() / patchSize) * (plan.resizedWidth() / patchSize);
        return patches / ((long) mergeSize * mergeSize);
    }
}
