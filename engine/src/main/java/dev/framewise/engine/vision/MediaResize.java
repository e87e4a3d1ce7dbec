package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SampledFrames;
import dev.framewise.engine.media.SmartResize;

import java.util.ArrayList;
import java.util.List;

/**
 * The resize steps of qwen-vl-utils ({@code vision_process.py}) that run before the image processor: still images
 * go through smart_resize and Pillow's BICUBIC; sampled video frames through torchvision's antialiased bicubic to
 * the size the sampler chose.
 */
public final class MediaResize {
    /** qwen-vl-utils {@code MIN_PIXELS} = 4 · 28 · 28. */
    public static final long IMAGE_MIN_PIXELS = 4L * 28 * 28;
    /** qwen-vl-utils {@code MAX_PIXELS} = 16384 · 28 · 28. */
    public static final long IMAGE_MAX_PIXELS = 16384L * 28 * 28;

    private MediaResize() {
    }

    /**
     * qwen-vl-utils {@code fetch_image} after loading: with {@code resizedHeight}/{@code resizedWidth} both given the
     * target is their smart_resize (default bounds), otherwise smart_resize of the image size within
     * {@code minPixels}/{@code maxPixels} (null = the defaults); then {@code Image.resize(…, BICUBIC)}.
     */
    public static RgbImage fetchImage(RgbImage image, Integer minPixels, Integer maxPixels, Integer resizedHeight,
                                      Integer resizedWidth) {
        int[] hw = targetSize(image.height(), image.width(), minPixels, maxPixels, resizedHeight, resizedWidth);
        return PillowBicubic.resize(image, hw[1], hw[0]);
    }

    /** The {height, width} that {@link #fetchImage} resizes to. */
    public static int[] targetSize(int height, int width, Integer minPixels, Integer maxPixels, Integer resizedHeight,
                                   Integer resizedWidth) {
        if (resizedHeight != null && resizedWidth != null) {
            return SmartResize.apply(resizedHeight, resizedWidth, IMAGE_MIN_PIXELS, IMAGE_MAX_PIXELS);
        }
        return SmartResize.apply(height, width, minPixels == null ? IMAGE_MIN_PIXELS : minPixels,
                maxPixels == null ? IMAGE_MAX_PIXELS : maxPixels);
    }

    /**
     * qwen-vl-utils {@code fetch_video}'s final step: {@code transforms.functional.resize(video, [h, w], BICUBIC,
     * antialias=True)} of every sampled frame to the size the sampler's smart_resize chose.
     */
    public static List<RgbImage> fetchVideoFrames(SampledFrames sampled) {
        List<RgbImage> frames = new ArrayList<>(sampled.frames().size());
        for (RgbImage frame : sampled.frames()) {
            frames.add(TorchvisionBicubic.resize(frame, sampled.resizedWidth(), sampled.resizedHeight()));
        }
        return frames;
    }
}
