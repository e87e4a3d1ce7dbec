package dev.framewise.engine.media;

/** Pixel-exact orientation changes and a box-filter downscale for thumbnails, on packed RGB images. */
final class ImageOps {
    private ImageOps() {
    }

    /** Rotates clockwise by 0, 90, 180 or 270 degrees. */
    static RgbImage rotateClockwise(RgbImage image, int degrees) {
        int w = image.width();
        int h = image.height();
        byte[] src = image.rgb();
        switch (Math.floorMod(degrees, 360)) {
            case 0:
                return image;
            case 180: {
                byte[] dst = new byte[src.length];
                int n = w * h;
                for (int i = 0; i < n; i++) System.arraycopy(src, 3 * i, dst, 3 * (n - 1 - i), 3);
                return new RgbImage(w, h, dst);
            }
            case 90: {
                // Source (x, y) lands at (h - 1 - y, x) in the h-wide result.
                byte[] dst = new byte[src.length];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) System.arraycopy(src, 3 * (y * w + x), dst, 3 * (x * h + h - 1 - y), 3);
                }
                return new RgbImage(h, w, dst);
            }
            case 270: {
                byte[] dst = new byte[src.length];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) System.arraycopy(src, 3 * (y * w + x), dst, 3 * ((w - 1 - x) * h + y), 3);
                }
                return new RgbImage(h, w, dst);
            }
            default:
                throw new IllegalArgumentException("rotation must be a multiple of 90 degrees, got " + degrees);
        }
    }

    /** Mirrors left to right. */
    static RgbImage flipHorizontal(RgbImage image) {
        int w = image.width();
        byte[] src = image.rgb();
        byte[] dst = new byte[src.length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < w; x++) System.arraycopy(src, 3 * (y * w + x), dst, 3 * (y * w + w - 1 - x), 3);
        }
        return new RgbImage(w, image.height(), dst);
    }

    /** Averages source pixels into a smaller image (area filter); returns the image itself when it already fits. */
    static RgbImage shrinkToWidth(RgbImage image, int maxWidth) {
        if (image.width() <= maxWidth) return image;
        int w = maxWidth;
        int h = Math.max(1, (int) Math.round((double) image.height() * maxWidth / image.width()));
        byte[] src = image.rgb();
        byte[] dst = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            int y0 = y * image.height() / h;
            int y1 = Math.max(y0 + 1, (y + 1) * image.height() / h);
            for (int x = 0; x < w; x++) {
                int x0 = x * image.width() / w;
                int x1 = Math.max(x0 + 1, (x + 1) * image.width() / w);
                for (int c = 0; c < 3; c++) {
                    long sum = 0;
                    for (int sy = y0; sy < y1; sy++) {
                        for (int sx = x0; sx < x1; sx++) sum += src[3 * (sy * image.width() + sx) + c] & 0xFF;
                    }
                    long n = (long) (y1 - y0) * (x1 - x0);
                    dst[3 * (y * w + x) + c] = (byte) ((sum + n / 2) / n);
                }
            }
        }
        return new RgbImage(w, h, dst);
    }
}
