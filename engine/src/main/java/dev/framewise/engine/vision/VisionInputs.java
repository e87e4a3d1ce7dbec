package dev.framewise.engine.vision;

import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.media.Media;
import dev.framewise.engine.media.MediaException;
import dev.framewise.engine.media.MediaSource;
import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.VideoSampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the image and video parts of a message into model inputs the way qwen-vl-utils
 * {@code process_vision_info} followed by the Qwen2.5-VL processor does: load, sample (video), resize, then
 * {@link ImagePreprocessor}. File problems surface as {@code MediaException}s naming the file.
 */
public final class VisionInputs {
    private final ImagePreprocessor processor;

    public VisionInputs(ImagePreprocessor processor) {
        this.processor = processor;
    }

    /** qwen-vl-utils {@code fetch_image} + the image processor. */
    public VisionInput image(ContentPart.Image part) {
        RgbImage image;
        try (MediaSource source = Media.open(part.path())) {
            image = source.frameAt(0);
        }
        RgbImage fetched;
        try {
            fetched = MediaResize.fetchImage(image, part.minPixels(), part.maxPixels(), part.resizedHeight(),
                    part.resizedWidth());
        } catch (IllegalArgumentException e) {
            throw new MediaException(part.path(), e.getMessage(), e); // a 1×30000 strip: the user's input, not a bug
        }
        return new VisionInput(VisionInput.Kind.IMAGE, processor.image(fetched), 0f, List.of());
    }

    /**
     * qwen-vl-utils {@code fetch_video} (the media layer samples, then the frames are resized), optionally the
     * Cosmos-Reason1 {@link TimestampOverlay}, then the processor. {@code second_per_grid_t} =
     * temporal_patch_size / sample_fps, held as float32 as the model holds it.
     */
    public VisionInput video(ContentPart.Video part, boolean timestampOverlay) {
        SampledFrames sampled;
        try (MediaSource source = Media.open(part.path())) {
            sampled = source.sample(VideoSampling.of(part));
        }
        List<FrameRef> frames = new ArrayList<>(sampled.indices().length);
        for (int i = 0; i < sampled.indices().length; i++) {
            frames.add(new FrameRef(sampled.indices()[i], sampled.timestampsSeconds()[i]));
        }
        List<RgbImage> resized;
        try {
            resized = MediaResize.fetchVideoFrames(sampled);
        } catch (IllegalArgumentException e) {
            throw new MediaException(part.path(), e.getMessage(), e);
        }
        if (timestampOverlay) resized = TimestampOverlay.apply(resized, sampled.sampleFps());
        PixelValues pixels = processor.video(resized);
        float secondPerGridT = (float) sampled.secondsPerGridT(processor.config().temporalPatchSize());
        return new VisionInput(VisionInput.Kind.VIDEO, pixels, secondPerGridT, frames);
    }
}
