package dev.framewise.engine.estimate;

import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Calibrated rates are measured once per key, survive a corrupt file, and move towards what real runs measure. */
class CalibrationTest {
    private static final CalibrationKey KEY = new CalibrationKey("Qwen2.5-VL", Precision.BF16, ComputeDevice.CPU,
            "l2-h128-i160-kv2");
    private static final Rates BENCH = new Rates(20, 1000, 500, 50, 0.05, 0, 1e-3,
            List.of(new AttentionRate(2048, 4e10), new AttentionRate(16384, 1.5e10)));

    @Test
    void ratesAreMeasuredOnceThenReadFromTheFile(@TempDir Path dir) {
        Calibration calibration = new Calibration(dir);
        AtomicInteger measured = new AtomicInteger();
        assertThat(calibration.rates(KEY, () -> {
            measured.incrementAndGet();
            return BENCH;
        })).isEqualTo(BENCH);
        assertThat(new Calibration(dir).rates(KEY, () -> {
            measured.incrementAndGet();
            return BENCH;
        })).isEqualTo(BENCH);
        assertThat(measured).hasValue(1);
        assertThat(dir.resolve("qwen2.5-vl-bf16-cpu-l2-h128-i160-kv2.json")).exists();
    }

    @Test
    void aCorruptFileIsIgnoredAndRebuilt(@TempDir Path dir) throws Exception {
        Calibration calibration = new Calibration(dir);
        Path file = dir.resolve(KEY.fileName());
        Files.writeString(file, "{\"media_frames_per_second\": 20, \"vision_pat");
        assertThat(calibration.read(KEY)).isNull();
        assertThat(calibration.rates(KEY, () -> BENCH)).isEqualTo(BENCH);
        assertThat(calibration.read(KEY)).isEqualTo(BENCH);
        Files.writeString(file, "{\"media_frames_per_second\": -1, \"vision_patches_per_second\": 0}"); // not rates
        assertThat(calibration.rates(KEY, () -> BENCH)).isEqualTo(BENCH);
        assertThat(calibration.read(KEY)).isEqualTo(BENCH);
    }

    @Test
    void aFileWithoutTheLengthAwarePrefillIsMeasuredAgain(@TempDir Path dir) throws Exception {
        Calibration calibration = new Calibration(dir);
        Path file = dir.resolve(KEY.fileName());
        // as the previous version wrote them: one prefill rate, whatever the prompt's length
        Files.writeString(file, """
                {"media_frames_per_second": 20, "vision_patches_per_second": 1000,
                 "prefill_tokens_per_second": 500, "decode_tokens_per_second": 50, "overhead_seconds": 0.05, "runs": 3}
                """);
        assertThat(calibration.read(KEY)).isNull();
        AtomicInteger measured = new AtomicInteger();
        assertThat(calibration.rates(KEY, () -> {
            measured.incrementAndGet();
            return BENCH;
        })).isEqualTo(BENCH);
        assertThat(measured).hasValue(1);
        assertThat(calibration.read(KEY)).isEqualTo(BENCH);
        // attention rates out of order of length are not rates either
        Files.writeString(file, Files.readString(file).replace("2048", "99999"));
        assertThat(calibration.read(KEY)).isNull();
    }

    @Test
    void theFirstRunReplacesTheMicroBenchmarkAndLaterRunsAverage(@TempDir Path dir) {
        Calibration calibration = new Calibration(dir);
        Rates first = calibration.refine(KEY, BENCH, new Rates.Measured(40, 2000, 250, 0, 0.1));
        assertThat(first.mediaFramesPerSecond()).isCloseTo(40, within(1e-9));
        assertThat(first.visionPatchesPerSecond()).isCloseTo(2000, within(1e-9));
        assertThat(first.prefillTokensPerSecond()).isCloseTo(250, within(1e-9));
        assertThat(first.decodeTokensPerSecond()).isEqualTo(50); // not measured: kept
        assertThat(first.runs()).isEqualTo(1);
        // the second run weighs 1/2, in logarithms: the geometric mean
        Rates second = calibration.refine(KEY, first, new Rates.Measured(10, 2000, 250, 10, 0.1));
        assertThat(second.mediaFramesPerSecond()).isCloseTo(20, within(1e-9));
        assertThat(second.decodeTokensPerSecond()).isCloseTo(Math.sqrt(500), within(1e-9));
        assertThat(calibration.read(KEY)).isEqualTo(second);
        Rates later = second;
        for (int i = 0; i < 20; i++) later = later.refined(new Rates.Measured(10, 2000, 250, 10, 0.1));
        assertThat(later.mediaFramesPerSecond()).isCloseTo(10, within(0.01)); // converges on what runs measure
        assertThat(later.refined(new Rates.Measured(1000, 2000, 250, 10, 0.1)).mediaFramesPerSecond())
                .isCloseTo(Math.pow(later.mediaFramesPerSecond(), 1 - Rates.RUN_WEIGHT)
                        * Math.pow(1000, Rates.RUN_WEIGHT), within(1e-9)); // one outlier moves it by a factor
    }
}
