package dev.framewise.engine.media;

/**
 * A decoded picture as tightly packed 8-bit RGB, row-major: the pixel at (x, y) starts at
 * {@code 3 * (y * width + x)}. Rotation has already been applied. Treat {@code rgb} as immutable.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("expected " + 3 * width * height + " bytes for " + width + "x" + height + ", got " + rgb.length);
        }
    }

    /** Channel c (0 = R, 1 = G, 2 = B) of the pixel at (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xFF;
    }

    public long sizeInBytes() {
        return rgb.length;
    }
}
