package dev.framewise.engine.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Golden values worked out from qwen-vl-utils fetch_video (Qwen2.5-VL) for cases the fixture does not cover. */
class QwenVideoSamplerTest {

    private static QwenVideoSampler.SamplingPlan plan(VideoSampling options, long frames, double fps, int height, int width) {
        return QwenVideoSampler.plan(options, frames, fps, height, width);
    }

    private static VideoSampling nframes(int n) {
        return new VideoSampling(null, n, null, null, null, null, null);
    }

    @Test
    void defaultTwoFpsOnTenSecondsOf1080p() {
        var plan = plan(VideoSampling.defaults(), 300, 30.0, 1080, 1920);
        assertThat(plan.indices()).containsExactly(0, 16, 31, 47, 63, 79, 94, 110, 126, 142, 157, 173, 189, 205, 220, 236,
                252, 268, 283, 299);
        assertThat(plan.sampleFps()).isEqualTo(2.0);
        assertThat(plan.maxPixels()).isEqualTo(602112.0);
        assertThat(new int[] {plan.resizedHeight(), plan.resizedWidth()}).containsExactly(560, 1008);
    }

    @Test
    void lowFpsIsClampedToFourFrames() {
        var plan = plan(VideoSampling.fps(0.5), 30, 10.0, 96, 160);
        assertThat(plan.indices()).containsExactly(0, 10, 19, 29);
        assertThat(plan.sampleFps()).isCloseTo(4 / 3.0, within(1e-15));
        // Below min_pixels (128·28·28) the frame is scaled up.
        assertThat(new int[] {plan.resizedHeight(), plan.resizedWidth()}).containsExactly(252, 420);
    }

    @Test
    void highFpsIsClampedTo768FramesAndShrinksEachFrame() {
        var plan = plan(VideoSampling.fps(30.0), 1000, 30.0, 96, 160);
        assertThat(plan.nframes()).isEqualTo(768);
        assertThat(plan.indices()).startsWith(0, 1, 3, 4, 5).endsWith(996, 998, 999);
        assertThat(plan.sampleFps()).isCloseTo(23.04, within(1e-12));
        assertThat(plan.maxPixels()).isEqualTo(235200.0); // VIDEO_TOTAL_PIXELS / 768 · 2
    }

    @Test
    void nframesIsRoundedHalfToEvenToAMultipleOfTwo() {
        assertThat(plan(nframes(7), 300, 30.0, 96, 160).indices()).containsExactly(0, 43, 85, 128, 171, 214, 256, 299);
        assertThat(plan(nframes(5), 300, 30.0, 96, 160).indices()).containsExactly(0, 100, 199, 299);
        var plan = plan(nframes(32), 300, 30.0, 1080, 1920);
        assertThat(plan.indices()).containsExactly(0, 10, 19, 29, 39, 48, 58, 68, 77, 87, 96, 106, 116, 125, 135, 145, 154,
                164, 174, 183, 193, 203, 212, 222, 231, 241, 251, 260, 270, 280, 289, 299);
        assertThat(plan.sampleFps()).isCloseTo(3.2, within(1e-12));
    }

    @Test
    void clipRangeSamplesInsideIt() {
        var plan = plan(new VideoSampling(null, null, null, null, null, 2.0, 4.0), 300, 30.0, 1080, 1920);
        assertThat(plan.indices()).containsExactly(60, 80, 100, 120);
        assertThat(plan.sampleFps()).isEqualTo(1.9672131147540985);
    }

    @Test
    void totalPixelsBoundsEachFrame() {
        var plan = plan(new VideoSampling(null, null, null, null, 1_000_000, null, null), 300, 30.0, 1080, 1920);
        assertThat(plan.maxPixels()).isEqualTo(105369.0); // int(min_pixels · 1.05) wins over 1e6 / 20 · 2
        assertThat(new int[] {plan.resizedHeight(), plan.resizedWidth()}).containsExactly(224, 420);
    }

    @Test
    void ntscRateAndOddSizes() {
        var plan = plan(VideoSampling.fps(2.0), 30, 29.97, 480, 640);
        assertThat(plan.indices()).containsExactly(0, 10, 19, 29);
        assertThat(plan.sampleFps()).isCloseTo(3.996, within(1e-12));
        assertThat(new int[] {plan.resizedHeight(), plan.resizedWidth()}).containsExactly(476, 644);
    }

    @Test
    void impossibleRequestsAreRefused() {
        assertThatThrownBy(() -> plan(nframes(1), 300, 30.0, 96, 160)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot sample 0 frames");
        assertThatThrownBy(() -> plan(nframes(400), 300, 30.0, 96, 160)).hasMessageContaining("between 2 and 300");
        assertThatThrownBy(() -> plan(new VideoSampling(null, null, null, null, null, 9.99, 10.5), 300, 30.0, 96, 160))
                .hasMessageContaining("fewer than 2 frames");
    }
}
