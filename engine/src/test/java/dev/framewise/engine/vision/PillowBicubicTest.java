package dev.framewise.engine.vision;

import dev.framewise.engine.media.RgbImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PillowBicubicTest {

    @Test
    void resizeCaseIsBitIdenticalToPillow() {
        RgbImage source = TinyFixture.png("inputs/c_image.png");
        RgbImage expected = TinyFixture.png("inputs/c_image_resized.png");

        RgbImage resized = PillowBicubic.resize(source, expected.width(), expected.height());

        assertThat(resized.width()).isEqualTo(84);
        assertThat(resized.height()).isEqualTo(56);
        assertThat(resized.rgb()).isEqualTo(expected.rgb());
    }

    @Test
    void sameSizeIsUnchanged() {
        RgbImage source = TinyFixture.png("inputs/b_image.png");
        assertThat(PillowBicubic.resize(source, source.width(), source.height())).isSameAs(source);
    }

    @Test
    void fixedPointWeightsOfEachOutputSumToOne() {
        PillowBicubic.Coefficients c = PillowBicubic.Coefficients.of(90, 84);
        for (int i = 0; i < 84; i++) {
            long sum = 0;
            for (int k = 0; k < c.xsize()[i]; k++) sum += c.kk()[i * c.ksize() + k];
            assertThat(sum).as("output %d", i).isBetween((1L << 22) - 8, (1L << 22) + 8);
        }
    }

    @Test
    void keysKernelWithMinusHalf() {
        assertThat(PillowBicubic.bicubicFilter(0)).isEqualTo(1.0);
        assertThat(PillowBicubic.bicubicFilter(1)).isEqualTo(0.0);
        assertThat(PillowBicubic.bicubicFilter(0.5)).isEqualTo(0.5625);
        assertThat(PillowBicubic.bicubicFilter(-1.5)).isEqualTo(-0.0625);
        assertThat(PillowBicubic.bicubicFilter(2)).isEqualTo(0.0);
    }
}
