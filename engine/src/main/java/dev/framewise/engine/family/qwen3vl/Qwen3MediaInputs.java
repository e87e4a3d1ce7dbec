package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.QwenVideoSampler;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.SmartResize;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.vision.ImagePreprocessor;
import dev.framewise.engine.vision.MediaResize;
import dev.framewise.engine.vision.PillowBicubic;
import dev.framewise.engine.vision.PixelValues;
import dev.framewise.engine.vision.VisionInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Image and video parts -> model inputs as the Qwen3-VL README prescribes: qwen-vl-utils 0.0.14
 * {@code process_vision_info(image_patch_size=16, return_video_metadata=True)} (factor 32 resizing, video sampling
 * and per-frame pixel bounds from {@link QwenVideoSampler.Rules#QWEN3_VL}), then the fast processors with
 * {@code do_resize=False} ({@link ImagePreprocessor#fusedWithoutResize}). Videos also get their timestamp texts.
 */
public final class Qwen3MediaInputs {
    /** qwen-vl-utils 0.0.14 {@code IMAGE_MIN_TOKEN_NUM} · 32². */
    public static final long IMAGE_MIN_PIXELS = 4L * 32 * 32;
    /** qwen-vl-utils 0.0.14 {@code IMAGE_MAX_TOKEN_NUM} · 32². */
    public static final long IMAGE_MAX_PIXELS = 16384L * 32 * 32;

    private final ImagePreprocessor processor;
    private final int factor;

    /** A video's inputs and the text before each of its temporal patches. */
    public record Video(VisionInput input, List<String> timestampTexts) {
    }

    public Qwen3MediaInputs(ImagePreprocessor processor) {
        this.processor = processor;
        this.factor = processor.config().factor();
    }

    /** qwen-vl-utils {@code fetch_image} (factor 32) + the image processor. */
    public VisionInput image(ContentPart.Image part) {
        RgbImage image;
        try (MediaSource source = Media.open(part.path())) {
            image = source.frameAt(0);
        }
        int[] hw = targetSize(image.height(), image.width(), part);
        RgbImage resized = PillowBicubic.resize(image, hw[1], hw[0]);
        return new VisionInput(VisionInput.Kind.IMAGE, processor.image(resized), 0f, List.of());
    }

    /** The {height, width} {@code fetch_image} resizes to. */
    int[] targetSize(int height, int width, ContentPart.Image part) {
        return targetSize(height, width, part, factor);
    }

    /** The {height, width} {@code fetch_image} resizes an image of {@code height × width} to, sides multiples of {@code factor}. */
    public static int[] targetSize(int height, int width, ContentPart.Image part, int factor) {
        if (part.resizedHeight() != null && part.resizedWidth() != null) {
            return SmartResize.applyShrinkUnbounded(part.resizedHeight(), part.resizedWidth(), factor,
                    IMAGE_MIN_PIXELS, IMAGE_MAX_PIXELS);
        }
        return SmartResize.applyShrinkUnbounded(height, width, factor,
                part.minPixels() == null ? IMAGE_MIN_PIXELS : part.minPixels(),
                part.maxPixels() == null ? IMAGE_MAX_PIXELS : part.maxPixels());
    }

    /**
     * qwen-vl-utils {@code fetch_video} (sampling, then torchvision's bicubic resize to the chosen size), the video
     * processor, and the timestamps from the sampled indices and the video's average fps ({@code video_metadata}).
     */
    public Video video(ContentPart.Video part) {
        SampledFrames sampled;
        double videoFps;
        try (MediaSource source = Media.open(part.path())) {
            videoFps = source.info().averageFps();
            sampled = source.sample(VideoSampling.of(part), QwenVideoSampler.Rules.QWEN3_VL);
        }
        List<FrameRef> frames = new ArrayList<>(sampled.indices().length);
        for (int i = 0; i < sampled.indices().length; i++) {
            frames.add(new FrameRef(sampled.indices()[i], sampled.timestampsSeconds()[i]));
        }
        PixelValues pixels = processor.video(MediaResize.fetchVideoFrames(sampled));
        float secondPerGridT = (float) sampled.secondsPerGridT(processor.config().temporalPatchSize());
        List<String> texts = VideoTimestamps.texts(sampled.indices(), videoFps, processor.config().mergeSize());
        return new Video(new VisionInput(VisionInput.Kind.VIDEO, pixels, secondPerGridT, frames), texts);
    }
}
