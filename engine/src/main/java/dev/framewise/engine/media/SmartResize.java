package dev.framewise.engine.media;

/**
 * qwen-vl-utils {@code smart_resize}: the size an image or frame is resized to so that both sides are
 * multiples of {@code factor} (patch 14 × merge 2 = 28) and the area lies within [minPixels, maxPixels],
 * keeping the aspect ratio as closely as possible. Python's {@code round} rounds half to even, hence
 * {@link Math#rint}. Pixel bounds are doubles because fetch_video's per-video max_pixels is a float
 * ({@code total_pixels / nframes * 2}) and only the comparison truncates it.
 */
public final class SmartResize {
    public static final int FACTOR = 28;
    public static final int MAX_RATIO = 200;

    private SmartResize() {
    }

    /** Returns {height, width}. */
    public static int[] apply(int height, int width, int factor, double minPixels, double maxPixels) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if ((double) Math.max(height, width) / Math.min(height, width) > MAX_RATIO) {
            throw new IllegalArgumentException("aspect ratio of " + width + "x" + height + " is more than "
                    + MAX_RATIO + ":1; crop the image first");
        }
        int hBar = Math.max(factor, roundByFactor(height, factor));
        int wBar = Math.max(factor, roundByFactor(width, factor));
        if ((double) hBar * wBar > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            hBar = Math.max(factor, floorByFactor(height / beta, factor));
            wBar = Math.max(factor, floorByFactor(width / beta, factor));
        } else if ((double) hBar * wBar < minPixels) {
            double beta = Math.sqrt(minPixels / ((double) height * width));
            hBar = ceilByFactor(height * beta, factor);
            wBar = ceilByFactor(width * beta, factor);
        }
        return new int[] {hBar, wBar};
    }

    /**
     * qwen-vl-utils 0.0.14's smart_resize (Qwen3-VL): as {@link #apply(int, int, int, double, double)} except that
     * shrinking to max_pixels floors each side to a multiple of {@code factor} without the lower bound of one factor.
     */
    public static int[] applyShrinkUnbounded(int height, int width, int factor, double minPixels, double maxPixels) {
        int[] hw = apply(height, width, factor, minPixels, maxPixels);
        int hBar = Math.max(factor, roundByFactor(height, factor));
        int wBar = Math.max(factor, roundByFactor(width, factor));
        if ((double) hBar * wBar > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            return new int[] {floorByFactor(height / beta, factor), floorByFactor(width / beta, factor)};
        }
        return hw;
    }

    public static int[] apply(int height, int width, double minPixels, double maxPixels) {
        return apply(height, width, FACTOR, minPixels, maxPixels);
    }

    static int roundByFactor(double number, int factor) {
        return (int) Math.rint(number / factor) * factor;
    }

    static int floorByFactor(double number, int factor) {
        return (int) Math.floor(number / factor) * factor;
    }

    static int ceilByFactor(double number, int factor) {
        return (int) Math.ceil(number / factor) * factor;
    }
}
