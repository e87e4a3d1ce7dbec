package dev.framewise.engine.store.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceProbeTest {
    @Test
    void parsesMeminfo() {
        long[] ram = DeviceProbe.parseMeminfo("MemTotal:       65843212 kB\nMemFree:         1204400 kB\n"
                + "MemAvailable:   40123456 kB\nBuffers:          123 kB\n");
        assertThat(ram).containsExactly(65_843_212L * 1024, 40_123_456L * 1024);
    }

    @Test
    void parsesNvidiaSmiAndSkipsUnreadableGpus() {
        var gpus = DeviceProbe.parseNvidiaSmi("0, NVIDIA H100 80GB HBM3, 81559, 80987, 550.54.15\n"
                + "1, NVIDIA GeForce RTX 4090, [N/A], [N/A], 550.54.15\n");
        assertThat(gpus).containsExactly(new GpuInfo(0, "NVIDIA H100 80GB HBM3", 81_559L << 20, 80_987L << 20,
                "550.54.15"));
    }

    @Test
    void thisMachineReportsRam() {
        MemoryStatus m = new DeviceProbe(System.getenv()).memory();
        assertThat(m.ramTotalBytes()).isPositive();
        assertThat(m.ramAvailableBytes()).isPositive().isLessThanOrEqualTo(m.ramTotalBytes());
    }
}
