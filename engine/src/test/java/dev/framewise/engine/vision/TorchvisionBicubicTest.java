package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TorchvisionBicubicTest {

    /**
     * Width 4 → 2 (scale 2, support 4, taps scaled by 1/2). Output 0: centre 1.0, taps 0..3 at distances
     * 0.25, 0.25, 0.75, 1.25 with Keys weights 0.8671875, 0.8671875, 0.2265625, −0.0703125 (sum 1.890625):
     * (0·0.8671875 + 100·0.8671875 + 200·0.2265625 − 255·0.0703125) / 1.890625 = 60.35 → 60.
     * Output 1: centre 3.0, weights −0.0703125, 0.2265625, 0.8671875, 0.8671875: 417.2265625 / 1.890625 = 220.68 → 221.
     */
    @Test
    void handComputedDownscaleOfOneRowAndOneColumn() {
        RgbImage row = gray(4, 1, 0, 100, 200, 255);
        RgbImage column = gray(1, 4, 0, 100, 200, 255);

        assertThat(values(TorchvisionBicubic.resize(row, 2, 1))).containsExactly(60, 221);
        assertThat(values(TorchvisionBicubic.resize(column, 1, 2))).containsExactly(60, 221);
    }

    @Test
    void overshootOnSharpEdgesIsClampedAndFlatAreasStayFlat() {
        RgbImage edge = gray(6, 1, 0, 0, 0, 255, 255, 255);
        int[] up = values(TorchvisionBicubic.resize(edge, 12, 1));
        // the cubic undershoots below 0 and overshoots above 255 next to the edge: clamping (not wrapping) keeps
        // the row monotonic
        assertThat(up).startsWith(0, 0).endsWith(255, 255);
        for (int i = 1; i < up.length; i++) assertThat(up[i]).isGreaterThanOrEqualTo(up[i - 1]);

        RgbImage flat = gray(5, 7, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77,
                77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77);
        assertThat(values(TorchvisionBicubic.resize(flat, 13, 3))).containsOnly(77);
    }

    /** The same Keys kernel as Pillow; on a single pass only the fixed-point rounding differs, so at most 1 level. */
    @Test
    void singlePassAgreesWithPillowWithinOneLevel() {
        Random random = new Random(7);
        byte[] rgb = new byte[3 * 37];
        random.nextBytes(rgb);
        RgbImage row = new RgbImage(37, 1, rgb);
        for (int width : new int[] {5, 16, 28, 56, 90}) {
            byte[] torch = TorchvisionBicubic.resize(row, width, 1).rgb();
            byte[] pillow = PillowBicubic.resize(row, width, 1).rgb();
            for (int i = 0; i < torch.length; i++) {
                assertThat(Math.abs((torch[i] & 0xFF) - (pillow[i] & 0xFF))).as("width %d at %d", width, i)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    private static RgbImage gray(int w, int h, int... values) {
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) values[i];
        }
        return new RgbImage(w, h, rgb);
    }

    private static int[] values(RgbImage image) {
        int[] v = new int[image.width() * image.height()];
        for (int i = 0; i < v.length; i++) v[i] = image.rgb()[3 * i] & 0xFF;
        return v;
    }
}
