package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampOverlayTest {

    @Test
    void addsABlackBorderWithTheTimeAlternatingLeftAndRight() {
        byte[] gray = new byte[3 * 224 * 56];
        Arrays.fill(gray, (byte) 100);
        RgbImage frame = new RgbImage(224, 56, gray);

        List<RgbImage> out = TimestampOverlay.apply(List.of(frame, frame), 1.5);

        RgbImage first = out.get(0);
        assertThat(first.width()).isEqualTo(224);
        assertThat(first.height()).isEqualTo(56 + 28);
        assertThat(Arrays.copyOf(first.rgb(), gray.length)).isEqualTo(gray);
        // "0.00s" sits in the left half of the border of frame 0, "0.67s" in the right half of frame 1
        assertThat(brightPixels(first, 0, 112)).isGreaterThan(20);
        assertThat(brightPixels(first, 112, 224)).isZero();
        assertThat(brightPixels(out.get(1), 0, 112)).isZero();
        assertThat(brightPixels(out.get(1), 112, 224)).isGreaterThan(20);
        // the frame stays a multiple of 28 for the processor
        assertThat(first.height() % 28).isZero();
    }

    private static int brightPixels(RgbImage image, int fromX, int toX) {
        int count = 0;
        for (int y = image.height() - TimestampOverlay.BORDER_HEIGHT; y < image.height(); y++) {
            for (int x = fromX; x < toX; x++) {
                if (image.get(x, y, 0) > 128) count++;
            }
        }
        return count;
    }
}
