package dev.framewise.engine.store.device;

import dev.framewise.engine.torch.NativeSetup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceDoctorTest {
    @Test
    void readsTheDriversCudaVersionFromTheNvidiaSmiBanner() {
        String banner = "| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4     |\n";
        assertThat(DeviceDoctor.driverCudaVersion(banner)).isEqualTo("12.4");
        assertThat(DeviceDoctor.driverCudaVersion("no banner")).isEqualTo("unknown");
    }

    @Test
    void explainsTheLibtorchChoiceAndNamesTheOverridesOffline() {
        NativeSetup.configure();
        List<DeviceDoctor.Line> lines = new DeviceDoctor(Map.of()).examine(true);
        assertThat(lines).extracting(DeviceDoctor.Line::label)
                .contains("CPU", "CUDA driver", "DJL detection", "libtorch", "libtorch loaded", "Device", "Overrides");
        DeviceDoctor.Line device = lines.stream().filter(l -> l.label().equals("Device")).findFirst().orElseThrow();
        assertThat(device.text()).startsWith("--device auto will use ");
        DeviceDoctor.Line libtorch = lines.stream().filter(l -> l.label().equals("libtorch loaded")).findFirst()
                .orElseThrow();
        assertThat(libtorch.warning()).isFalse();
        assertThat(libtorch.text()).startsWith("2.7.1 from ");
        assertThat(lines.get(lines.size() - 1).text()).contains("--device").contains("PYTORCH_FLAVOR")
                .contains("PYTORCH_LIBRARY_PATH");
    }
}
