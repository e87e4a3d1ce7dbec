package dev.framewise.engine.media;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each EXIF orientation against its definition (as PIL's exif_transpose applies it), on a 3×2 image of distinct pixels. */
class ExifOrientationTest {
    private static final int W = 3;
    private static final int H = 2;

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void movesEveryPixelWhereTheStandardSays(int orientation) {
        byte[] rgb = new byte[3 * W * H];
        for (int i = 0; i < W * H; i++) rgb[3 * i] = (byte) (10 * i + 1);
        RgbImage upright = ExifOrientation.apply(new RgbImage(W, H, rgb), orientation);
        boolean sideways = orientation >= 5;
        assertThat(upright.width()).isEqualTo(sideways ? H : W);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] to = switch (orientation) {
                    case 1 -> new int[] {x, y};
                    case 2 -> new int[] {W - 1 - x, y};
                    case 3 -> new int[] {W - 1 - x, H - 1 - y};
                    case 4 -> new int[] {x, H - 1 - y};
                    case 5 -> new int[] {y, x};
                    case 6 -> new int[] {H - 1 - y, x};
                    case 7 -> new int[] {H - 1 - y, W - 1 - x};
                    default -> new int[] {y, W - 1 - x};
                };
                assertThat(upright.get(to[0], to[1], 0)).as("pixel (%d, %d)", x, y).isEqualTo(10 * (y * W + x) + 1);
            }
        }
        assertThat(ExifOrientation.rotationDegrees(orientation) % 180 != 0).isEqualTo(sideways);
    }
}
