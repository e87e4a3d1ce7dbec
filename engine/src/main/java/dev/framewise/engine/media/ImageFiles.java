package dev.framewise.engine.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Still images through ImageIO (PNG, JPEG, BMP, GIF first frame, WBMP, TIFF), converted to RGB as qwen-vl-utils'
 * {@code to_rgb} does: transparency composited onto white, grey replicated to three channels. JPEG EXIF orientation
 * is applied. Formats ImageIO lacks (WebP, …) go to FFmpeg instead.
 */
final class ImageFiles {
    private static final int EXIF_SEARCH_BYTES = 256 * 1024;

    private ImageFiles() {
    }

    /** The image, or null when ImageIO has no reader for this content or cannot decode it. */
    static ImageSource read(Path file) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                BufferedImage image = reader.read(0);
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                RgbImage stored = toRgb(image);
                int orientation = format.equals("jpeg") ? ExifOrientation.read(readPrefix(file)) : ExifOrientation.UPRIGHT;
                return new ImageSource(file, format, ExifOrientation.apply(stored, orientation), stored.width(),
                        stored.height(), ExifOrientation.rotationDegrees(orientation));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // FFmpeg gets a try, and reports the problem if it fails too.
        }
    }

    /** The start of a file, enough for the JPEG segments that precede the image data (an Exif segment is at most 64 KiB). */
    private static byte[] readPrefix(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(EXIF_SEARCH_BYTES);
        }
    }

    /** qwen-vl-utils {@code to_rgb}: RGBA is pasted onto a white background, every other mode converted to RGB. */
    static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[3 * w * h];
        Raster raster = image.getRaster();
        boolean hasAlpha = image.getColorModel().hasAlpha();
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // getRGB would treat grey as linear light and brighten it; PIL copies the grey value.
            int shift = raster.getSampleModel().getSampleSize(0) - 8;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int grey = raster.getSample(x, y, 0) >> Math.max(0, shift);
                    int alpha = hasAlpha ? raster.getSample(x, y, 1) >> Math.max(0, shift) : 255;
                    byte v = (byte) onWhite(grey, alpha);
                    int at = 3 * (y * w + x);
                    rgb[at] = v;
                    rgb[at + 1] = v;
                    rgb[at + 2] = v;
                }
            }
            return new RgbImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int alpha = hasAlpha ? argb >>> 24 : 255;
                int at = 3 * (y * w + x);
                rgb[at] = (byte) onWhite(argb >> 16 & 0xFF, alpha);
                rgb[at + 1] = (byte) onWhite(argb >> 8 & 0xFF, alpha);
                rgb[at + 2] = (byte) onWhite(argb & 0xFF, alpha);
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static int onWhite(int value, int alpha) {
        return alpha == 255 ? value : (value * alpha + 255 * (255 - alpha) + 127) / 255;
    }
}
