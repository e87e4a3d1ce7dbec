package dev.framewise.engine.media;

/**
 * The EXIF orientation tag (0x0112) of a JPEG file, and how to apply it. Values as in the EXIF standard:
 * 1 = upright, 2 = mirrored, 3 = rotated 180°, 4 = mirrored vertically, 5 = transposed, 6 = needs 90° clockwise,
 * 7 = transversed, 8 = needs 270° clockwise.
 */
final class ExifOrientation {
    static final int UPRIGHT = 1;

    private ExifOrientation() {
    }

    /** The orientation in a JPEG's APP1 Exif segment, or {@link #UPRIGHT} when there is none or it cannot be parsed. */
    static int read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) return UPRIGHT;
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = u16(jpeg, pos + 2, false);
            if (marker == 0xDA || length < 2) break; // image data starts: no Exif before it
            int segment = pos + 4;
            if (marker == 0xE1 && segment + 6 <= jpeg.length && new String(jpeg, segment, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("Exif")) {
                return readTiff(jpeg, segment + 6, Math.min(jpeg.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return UPRIGHT;
    }

    private static int readTiff(byte[] b, int tiff, int limit) {
        if (tiff + 8 > limit) return UPRIGHT;
        boolean little = b[tiff] == 'I';
        int ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > limit || ifd < tiff) return UPRIGHT;
        int entries = u16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > limit) break;
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    /** Turns a stored image upright according to the orientation value. */
    static RgbImage apply(RgbImage stored, int orientation) {
        return switch (orientation) {
            case 2 -> ImageOps.flipHorizontal(stored);
            case 3 -> ImageOps.rotateClockwise(stored, 180);
            case 4 -> ImageOps.flipHorizontal(ImageOps.rotateClockwise(stored, 180));
            case 5 -> ImageOps.flipHorizontal(ImageOps.rotateClockwise(stored, 90));
            case 6 -> ImageOps.rotateClockwise(stored, 90);
            case 7 -> ImageOps.flipHorizontal(ImageOps.rotateClockwise(stored, 270));
            case 8 -> ImageOps.rotateClockwise(stored, 270);
            default -> stored;
        };
    }

    /** The rotation part of the orientation, clockwise degrees (mirroring aside). */
    static int rotationDegrees(int orientation) {
        return switch (orientation) {
            case 3, 4 -> 180;
            case 5, 6 -> 90;
            case 7, 8 -> 270;
            default -> 0;
        };
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 0xFF;
        int c = b[at + 1] & 0xFF;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static int u32(byte[] b, int at, boolean little) {
        return little ? u16(b, at, true) | u16(b, at + 2, true) << 16 : u16(b, at, false) << 16 | u16(b, at + 2, false);
    }
}
