package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;

/**
 * The resize qwen-vl-utils {@code fetch_video} applies to sampled video frames:
 * {@code torchvision.transforms.functional.resize(uint8 video, size, BICUBIC, antialias=True)}. On a uint8 tensor
 * torchvision ({@code _functional_tensor.resize}) converts to float32, calls
 * {@code interpolate(mode="bicubic", align_corners=False, antialias=True)}, clamps to 0..255 and rounds half to even
 * back to uint8. The float32 antialiased kernel is ATen's {@code separable_upsample_generic_Nd_kernel_impl} with
 * {@code HelperInterpCubic::aa_filter} (Keys' cubic, a = -0.5, like Pillow) and PIL-style support scaling; unlike
 * Pillow it keeps float32 between the width pass and the height pass and rounds only once at the end.
 * The arithmetic below follows the float32/double mix of the C++ code step by step.
 */
public final class TorchvisionBicubic {
    /** {@code HelperInterpCubic::interp_size}. */
    private static final int INTERP_SIZE = 4;
    private static final float A = -0.5f;

    private TorchvisionBicubic() {
    }

    /** Resizes to {@code width} × {@code height}; the same size returns the input unchanged. */
    public static RgbImage resize(RgbImage src, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        if (width == src.width() && height == src.height()) return src;
        float[] plane = new float[src.rgb().length];
        for (int i = 0; i < plane.length; i++) plane[i] = src.rgb()[i] & 0xFF;
        int w = src.width();
        int h = src.height();
        // separable_upsample_generic_Nd_kernel_impl: the contiguous (width) dimension first, then the height
        if (width != w) {
            plane = pass(plane, w, h, Weights.of(w, width), true);
            w = width;
        }
        if (height != h) {
            plane = pass(plane, w, h, Weights.of(h, height), false);
            h = height;
        }
        byte[] rgb = new byte[plane.length];
        for (int i = 0; i < plane.length; i++) {
            // _functional_tensor.resize: clamp(0, 255) then _cast_squeeze_out: torch.round (half to even)
            rgb[i] = (byte) (int) Math.rint(Math.min(255f, Math.max(0f, plane[i])));
        }
        return new RgbImage(width, height, rgb);
    }

    /** {@code HelperInterpCubic::aa_filter} with {@code cubic_convolution1/2}, all in float32. */
    static float aaFilter(float x) {
        x = Math.abs(x);
        if (x < 1.0f) return ((A + 2) * x - (A + 3)) * x * x + 1;
        if (x < 2.0f) return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
        return 0.0f;
    }

    /** Per output index: first input index, tap count and normalised float32 weights. */
    record Weights(int[] xmin, int[] xsize, int maxInterpSize, float[] weights) {

        /**
         * {@code HelperInterpBase::_compute_index_ranges_weights} and {@code _compute_indices_min_size_weights_aa}
         * with scalar_t = float; {@code area_pixel_compute_scale} gives input/output as float32.
         */
        static Weights of(int inSize, int outSize) {
            float scale = (float) inSize / outSize;
            float support = (float) (scale >= 1.0 ? (INTERP_SIZE * 0.5) * scale : INTERP_SIZE * 0.5);
            int maxInterp = (int) Math.ceil(support) * 2 + 1;
            int[] xmin = new int[outSize];
            int[] xsize = new int[outSize];
            float[] weights = new float[outSize * maxInterp];
            float invscale = (float) (scale >= 1.0 ? 1.0 / scale : 1.0);
            for (int i = 0; i < outSize; i++) {
                float center = (float) (scale * (i + 0.5));
                int min = (int) Math.max((long) ((center - support) + 0.5), 0L);
                int size = (int) Math.min((long) ((center + support) + 0.5), inSize) - min;
                size = Math.max(0, Math.min(size, maxInterp));
                float total = 0.0f;
                int base = i * maxInterp;
                for (int j = 0; j < size; j++) {
                    float w = aaFilter((float) ((((float) (j + min)) - center + 0.5) * invscale));
                    weights[base + j] = w;
                    total += w;
                }
                if (total != 0.0f) {
                    for (int j = 0; j < size; j++) weights[base + j] /= total;
                }
                xmin[i] = min;
                xsize[i] = size;
            }
            return new Weights(xmin, xsize, maxInterp, weights);
        }
    }

    /** {@code basic_loop_aa_horizontal/vertical<float>} via {@code interpolate_aa_single_dim}: a float32 dot product. */
    private static float[] pass(float[] in, int w, int h, Weights k, boolean horizontal) {
        int outW = horizontal ? k.xmin().length : w;
        int outH = horizontal ? h : k.xmin().length;
        int step = horizontal ? 3 : 3 * w;
        float[] out = new float[3 * outW * outH];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int o = horizontal ? x : y;
                int first = horizontal ? 3 * (y * w + k.xmin()[o]) : 3 * (k.xmin()[o] * w + x);
                int base = o * k.maxInterpSize();
                for (int ch = 0; ch < 3; ch++) {
                    int src = first + ch;
                    float acc = in[src] * k.weights()[base];
                    for (int j = 1; j < k.xsize()[o]; j++) {
                        acc += in[src + j * step] * k.weights()[base + j];
                    }
                    out[3 * (y * outW + x) + ch] = acc;
                }
            }
        }
        return out;
    }
}
