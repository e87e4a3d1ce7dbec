package dev.framewise.engine.estimate;

import dev.framewise.engine.store.device.DecodeSpeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A device's decoding rates are kept beside the per-model rates, dated, and say how they were measured. */
class MachineRatesTest {
    private static final MachineRates CPU = new MachineRates("cpu", 14.2e9, 256L << 20, 0.003, 0.0015, "2026-12-05");

    @Test
    void keptPerDeviceInTheCalibrationFolder(@TempDir Path dir) {
        Calibration calibration = new Calibration(dir);
        assertThat(calibration.readMachine("cpu")).isNull();
        calibration.writeMachine(CPU);
        assertThat(dir.resolve("machine-cpu.json")).exists();
        assertThat(new Calibration(dir).readMachine("cpu")).isEqualTo(CPU);
        assertThat(calibration.readMachine("cuda")).isNull();
    }

    @Test
    void aCorruptFileOrAnUnknownDateIsMeasuredAgain(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("machine-cpu.json"), "{\"device\": \"cpu\", \"bandwidth_bytes");
        assertThat(new Calibration(dir).readMachine("cpu")).isNull();
        Files.writeString(dir.resolve("machine-cpu.json"), "{\"device\": \"cpu\", \"bandwidth_bytes_per_second\": 1e10, "
                + "\"probe_bytes\": 1024, \"step_seconds\": 0.001, \"layer_seconds\": 0, \"measured_on\": \"yesterday\"}");
        assertThat(new Calibration(dir).readMachine("cpu")).isNull();
    }

    @Test
    void staleAfterAMonth() {
        assertThat(CPU.staleOn(LocalDate.parse("2026-12-05"))).isFalse();
        assertThat(CPU.staleOn(LocalDate.parse("2027-01-04"))).isFalse();
        assertThat(CPU.staleOn(LocalDate.parse("2027-01-05"))).isTrue();
    }

    @Test
    void theSpeedSaysHowAndWhenItWasMeasured() {
        DecodeSpeed speed = CPU.speed();
        assertThat(speed.bandwidthBytesPerSecond()).isEqualTo(14.2e9);
        assertThat(speed.overheadSeconds(2)).isCloseTo(0.006, within(1e-12));
        assertThat(speed.basis()).startsWith("measured bandwidth 14.2 GB/s on 2026-12-05 (torch.sum over 256 MiB on the cpu")
                .contains("overhead 3.00 ms per step + 1.50 ms per layer");
    }
}
