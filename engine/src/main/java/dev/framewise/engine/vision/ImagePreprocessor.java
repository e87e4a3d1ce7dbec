package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;
import dev.framewise.engine.media.SmartResize;

import java.util.ArrayList;
import java.util.List;

/**
 * transformers {@code Qwen2VLImageProcessor._preprocess} for one image or one video: its own smart_resize with
 * the checkpoint's pixel bounds (a no-op after qwen-vl-utils already resized), rescale by 1/255, normalise with the
 * checkpoint's mean/std, and patchify into [grid_t · grid_h · grid_w, 3 · 2 · 14 · 14] rows in the order the vision
 * tower expects (2 × 2 merge groups row-major; inside a patch channel, frame, row, column).
 */
public final class ImagePreprocessor {
    /** transformers {@code rescale_factor} default 1/255, a Python float (double). */
    private static final double RESCALE_FACTOR = 1.0 / 255;

    private final PreprocessorConfig config;
    /** [channel][u8]: the normalised float32 value of every byte, computed exactly as numpy does. */
    private final float[][] normalised = new float[3][256];
    /** Whether the processor's own smart_resize runs (false: {@code do_resize=False}, the media come sized). */
    private final boolean resize;

    public ImagePreprocessor(PreprocessorConfig config) {
        this.config = config;
        this.resize = true;
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                normalised[c][v] = normalise(rescale(v), c);
            }
        }
    }

    private ImagePreprocessor(PreprocessorConfig config, boolean resize, float[][] table) {
        this.config = config;
        this.resize = resize;
        for (int c = 0; c < 3; c++) normalised[c] = table[c].clone();
    }

    /**
     * The fast image and video processors of Qwen3-VL as its README calls them ({@code do_resize=False}: qwen-vl-utils
     * sized the media): rescale and normalise fused into {@code (float32(x) − mean·255) / (std·255)} in float32,
     * mean·255 and std·255 computed in double and held as float32, as torchvision's fused normalisation does.
     */
    public static ImagePreprocessor fusedWithoutResize(PreprocessorConfig config) {
        float[][] table = new float[3][256];
        for (int c = 0; c < 3; c++) {
            float mean = (float) (config.imageMean()[c] / RESCALE_FACTOR);
            float std = (float) (config.imageStd()[c] / RESCALE_FACTOR);
            for (int v = 0; v < 256; v++) table[c][v] = ((float) v - mean) / std;
        }
        return new ImagePreprocessor(config, false, table);
    }

    public PreprocessorConfig config() {
        return config;
    }

    /** A still image: one frame, repeated to fill the temporal patch. */
    public PixelValues image(RgbImage image) {
        return preprocess(List.of(image));
    }

    /** A video's sampled (and already resized) frames; an odd count repeats the last frame. */
    public PixelValues video(List<RgbImage> frames) {
        return preprocess(frames);
    }

    /** {@code Qwen2VLImageProcessor._preprocess}. */
    PixelValues preprocess(List<RgbImage> frames) {
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames to preprocess");
        int height = frames.get(0).height();
        int width = frames.get(0).width();
        int[] hw = resize ? SmartResize.apply(height, width, config.factor(), config.minPixels(), config.maxPixels())
                : new int[] {height, width};
        List<RgbImage> resized = new ArrayList<>(frames.size());
        for (RgbImage frame : frames) {
            if (frame.height() != height || frame.width() != width) {
                throw new IllegalArgumentException("all frames of a video must have the same size: "
                        + frame.width() + "x" + frame.height() + " vs " + width + "x" + height);
            }
            // transformers resizes through PIL with BICUBIC
            resized.add(resize ? PillowBicubic.resize(frame, hw[1], hw[0]) : frame);
        }
        int tp = config.temporalPatchSize();
        while (resized.size() % tp != 0) resized.add(resized.get(resized.size() - 1));
        return patchify(resized, hw[0], hw[1]);
    }

    /** transformers {@code rescale}: {@code float32(float64(u8) · rescale_factor)}. */
    static float rescale(int u8) {
        return (float) (u8 * RESCALE_FACTOR);
    }

    /** transformers {@code normalize}: {@code (x − mean[c]) / std[c]} in float32. */
    float normalise(float x, int channel) {
        return (x - config.imageMean()[channel]) / config.imageStd()[channel];
    }

    /**
     * The reshape to [grid_t, tp, C, grid_h/m, m, p, grid_w/m, m, p], the transpose (0, 3, 6, 4, 7, 2, 1, 5, 8) and
     * the flatten to [grid_t · grid_h · grid_w, C · tp · p · p], written as one gather.
     */
    private PixelValues patchify(List<RgbImage> frames, int height, int width) {
        int p = config.patchSize();
        int m = config.mergeSize();
        int tp = config.temporalPatchSize();
        GridThw grid = new GridThw(frames.size() / tp, height / p, width / p);
        int blocksH = grid.h() / m;
        int blocksW = grid.w() / m;
        int dim = config.patchDim();
        float[] out = new float[grid.patches() * dim];
        int row = 0;
        for (int gt = 0; gt < grid.t(); gt++) {
            for (int bh = 0; bh < blocksH; bh++) {
                for (int bw = 0; bw < blocksW; bw++) {
                    for (int mh = 0; mh < m; mh++) {
                        for (int mw = 0; mw < m; mw++) {
                            int y0 = (bh * m + mh) * p;
                            int x0 = (bw * m + mw) * p;
                            int col = row * dim;
                            for (int c = 0; c < 3; c++) {
                                for (int ti = 0; ti < tp; ti++) {
                                    byte[] rgb = frames.get(gt * tp + ti).rgb();
                                    for (int py = 0; py < p; py++) {
                                        int src = 3 * ((y0 + py) * width + x0) + c;
                                        for (int px = 0; px < p; px++) {
                                            out[col++] = normalised[c][rgb[src + 3 * px] & 0xFF];
                                        }
                                    }
                                }
                            }
                            row++;
                        }
                    }
                }
            }
        }
        return new PixelValues(out, dim, List.of(grid));
    }
}
