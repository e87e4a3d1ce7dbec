package dev.framewise.engine.store.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The decoding estimate's formula with fixed inputs: bytes over bandwidth plus the overhead of a step. */
class DecodeSpeedTest {

    @Test
    void aTokenTakesItsBytesAtTheBandwidthPlusTheOverheadOfAStep() {
        // 1 GB at 10 GB/s = 100 ms; 2 ms per step + 24 layers · 0.5 ms = 14 ms; 1 / 0.114 s = 8.77 tokens/s.
        DecodeSpeed speed = new DecodeSpeed(10e9, 0.002, 0.0005, "test");
        assertThat(speed.overheadSeconds(24)).isCloseTo(0.014, within(1e-12));
        assertThat(speed.secondsPerToken(1_000_000_000L, 24)).isCloseTo(0.114, within(1e-12));
        assertThat(speed.tokensPerSecond(1_000_000_000L, 24)).isCloseTo(1 / 0.114, within(1e-9));
        assertThat(speed.terms(24)).isEqualTo("10 GB/s memory bandwidth + 14.0 ms per step");
    }

    @Test
    void aTinyModelIsBoundByTheOverheadAndABigOneByTheBandwidth() {
        DecodeSpeed speed = new DecodeSpeed(14e9, 0.004, 0.002, "");
        // 1.9 MB and 2 layers: 0.14 ms of reading against 8 ms of overhead
        assertThat(speed.tokensPerSecond(1_900_000, 2)).isCloseTo(1 / (1_900_000 / 14e9 + 0.008), within(1e-9))
                .isBetween(120.0, 125.0);
        // bandwidth alone would promise 7,368 tokens/s
        assertThat(DecodeSpeed.bandwidthOnly(14e9).tokensPerSecond(1_900_000, 2)).isCloseTo(14e9 / 1_900_000, within(1e-6));
        // 15 GB and 28 layers: 1.07 s of reading, 60 ms of overhead
        assertThat(speed.tokensPerSecond(15_000_000_000L, 28)).isCloseTo(1 / (15e9 / 14e9 + 0.060), within(1e-9));
        assertThat(DecodeSpeed.bandwidthOnly(14e9).terms(28)).isEqualTo("14 GB/s memory bandwidth");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new DecodeSpeed(0, 0, 0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecodeSpeed(1e9, -1, 0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecodeSpeed(Double.NaN, 0, 0, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
