package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;

/**
 * Pillow's {@code Image.resize(size, Image.BICUBIC)} for 8-bit RGB, reproduced bit for bit
 * (libImaging/Resample.c: {@code ImagingResampleInner}, {@code precompute_coeffs},
 * {@code normalize_coeffs_8bpc}, {@code ImagingResampleHorizontal_8bpc} / {@code ImagingResampleVertical_8bpc}).
 * qwen-vl-utils {@code fetch_image} resizes still images with it, so matching it exactly makes the pixel values
 * identical to the reference. Separable: the horizontal pass runs first and is rounded and clipped to 8 bits
 * before the vertical pass.
 */
public final class PillowBicubic {
    /** Resample.c {@code PRECISION_BITS}: 22 fractional bits for the fixed-point weights. */
    private static final int PRECISION_BITS = 32 - 8 - 2;
    /** Resample.c {@code bicubic_filter} support. */
    private static final double SUPPORT = 2.0;

    private PillowBicubic() {
    }

    /** Resizes to {@code width} × {@code height}; the same size returns the input unchanged, as Pillow copies it. */
    public static RgbImage resize(RgbImage src, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        RgbImage out = src;
        // Resample.c ImagingResampleInner: horizontal pass first, each pass only when its size changes
        if (width != src.width()) out = horizontal(out, Coefficients.of(src.width(), width));
        if (height != src.height()) out = vertical(out, Coefficients.of(src.height(), height));
        return out;
    }

    /** Resample.c {@code bicubic_filter}: Keys' cubic convolution with a = -0.5. */
    static double bicubicFilter(double x) {
        final double a = -0.5;
        if (x < 0.0) x = -x;
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    /** Per output index: first input index, tap count and 22-bit fixed-point weights (Resample.c bounds/kk). */
    record Coefficients(int[] xmin, int[] xsize, int ksize, int[] kk) {

        /** Resample.c {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}, box = whole input. */
        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] xmin = new int[outSize];
            int[] xsize = new int[outSize];
            int[] kk = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize) - min;
                double ww = 0.0;
                for (int x = 0; x < max; x++) {
                    double w = bicubicFilter((x + min - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < max; x++) {
                    double w = ww != 0.0 ? k[x] / ww : k[x];
                    kk[xx * ksize + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                            : (int) (0.5 + w * (1 << PRECISION_BITS));
                }
                xmin[xx] = min;
                xsize[xx] = max;
            }
            return new Coefficients(xmin, xsize, ksize, kk);
        }
    }

    /** Resample.c {@code ImagingResampleHorizontal_8bpc}. */
    private static RgbImage horizontal(RgbImage in, Coefficients c) {
        int outWidth = c.xmin().length;
        byte[] src = in.rgb();
        byte[] dst = new byte[3 * outWidth * in.height()];
        for (int y = 0; y < in.height(); y++) {
            int row = 3 * y * in.width();
            for (int xx = 0; xx < outWidth; xx++) {
                int k = xx * c.ksize();
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < c.xsize()[xx]; x++) {
                        ss += (src[row + 3 * (x + c.xmin()[xx]) + ch] & 0xFF) * c.kk()[k + x];
                    }
                    dst[3 * (y * outWidth + xx) + ch] = clip8(ss);
                }
            }
        }
        return new RgbImage(outWidth, in.height(), dst);
    }

    /** Resample.c {@code ImagingResampleVertical_8bpc}. */
    private static RgbImage vertical(RgbImage in, Coefficients c) {
        int outHeight = c.xmin().length;
        int width = in.width();
        byte[] src = in.rgb();
        byte[] dst = new byte[3 * width * outHeight];
        for (int yy = 0; yy < outHeight; yy++) {
            int k = yy * c.ksize();
            for (int x = 0; x < width; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < c.xsize()[yy]; y++) {
                        ss += (src[3 * ((y + c.xmin()[yy]) * width + x) + ch] & 0xFF) * c.kk()[k + y];
                    }
                    dst[3 * (yy * width + x) + ch] = clip8(ss);
                }
            }
        }
        return new RgbImage(width, outHeight, dst);
    }

    /** Resample.c {@code clip8}: drop the fraction and clamp to 0..255. */
    private static byte clip8(int in) {
        if (in >= (1 << PRECISION_BITS << 8)) return (byte) 255;
        if (in <= 0) return 0;
        return (byte) (in >> PRECISION_BITS);
    }
}
