package dev.framewise.engine.gpu;

import dev.framewise.engine.store.device.GpuInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpuDetectionTest {
    private static final URI BASE = URI.create("https://download.pytorch.org/libtorch");

    static String canned(String name) {
        try (InputStream in = GpuDetectionTest.class.getResourceAsStream("/gpu/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /gpu/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nvidiaSmiGivesTheGpusTheDriverAndItsCudaVersion() {
        GpuDetection d = GpuDetection.from(Optional.of(canned("nvidia-smi-h100-query.csv")),
                Optional.of(canned("nvidia-smi-h100.txt")), Map.of());
        assertThat(d.gpus()).containsExactly(new GpuInfo(0, "NVIDIA H100 80GB HBM3", 81559L << 20, 81004L << 20,
                "550.54.15"));
        assertThat(d.driver()).contains(new NvidiaDriver("550.54.15", Optional.of(new CudaVersion(12, 4)), "nvidia-smi"));
    }

    @Test
    void procDriverNvidiaStandsInWithoutNvidiaSmi() {
        GpuDetection d = GpuDetection.from(Optional.empty(), Optional.empty(), Map.of(
                "version", canned("proc-version-535.txt"),
                "gpus/0000:01:00.0/information", canned("proc-gpu-information.txt")));
        assertThat(d.gpus()).extracting(GpuInfo::name).containsExactly("NVIDIA GeForce RTX 3090");
        assertThat(d.driver()).contains(new NvidiaDriver("535.183.01", Optional.of(new CudaVersion(12, 2)),
                "/proc/driver/nvidia/version"));
        // the open kernel module words its line differently
        assertThat(NvidiaDriver.fromProcVersion(canned("proc-version-open-570.txt")).orElseThrow())
                .extracting(NvidiaDriver::version, NvidiaDriver::cuda).containsExactly("570.86.15",
                        Optional.of(new CudaVersion(12, 8)));
    }

    @Test
    void driverTableFollowsNvidiaReleaseNotes() {
        assertThat(NvidiaDriver.cudaForLinuxDriver("525.60.13")).contains(new CudaVersion(12, 0));
        assertThat(NvidiaDriver.cudaForLinuxDriver("525.53")).contains(new CudaVersion(11, 8));
        assertThat(NvidiaDriver.cudaForLinuxDriver("560.35.03")).contains(new CudaVersion(12, 6));
        assertThat(NvidiaDriver.cudaForLinuxDriver("390.157")).isEmpty();
        assertThat(NvidiaDriver.cudaForLinuxDriver("garbage")).isEmpty();
    }

    @Test
    void noGpuNoDriver() {
        GpuDetection d = GpuDetection.from(Optional.empty(), Optional.empty(), Map.of());
        assertThat(d.hasGpu()).isFalse();
        assertThat(d.driver()).isEmpty();
        LibtorchBuild build = LibtorchBuild.forPlatform("Linux", "amd64", BASE, Optional.empty());
        assertThatThrownBy(() -> build.checkDriver(d)).isInstanceOf(GpuSetupException.class)
                .hasMessageContaining("no NVIDIA GPU found").hasMessageContaining("keeps using the CPU")
                .extracting(e -> ((GpuSetupException) e).reason()).isEqualTo(GpuSetupException.Reason.NO_GPU);
    }

    @Test
    void theBuildMatchesTheBundledDjlEngine() {
        LibtorchBuild linux = LibtorchBuild.forPlatform("Linux", "amd64", BASE, Optional.empty());
        assertThat(linux.version()).isEqualTo("2.7.1");
        assertThat(linux.djlVersion()).isEqualTo("0.36.0");
        assertThat(linux.flavor()).isEqualTo("cu128"); // the CUDA flavour DJL 0.36's pytorch-jni jar carries
        assertThat(linux.url()).hasToString("https://download.pytorch.org/libtorch/cu128/"
                + "libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip");
        assertThat(linux.folderName()).isEqualTo("2.7.1-cu128-linux-x86_64");
        assertThat(LibtorchBuild.forPlatform("Windows 11", "amd64", URI.create("http://127.0.0.1:9/x/"), Optional.empty())
                .url()).hasToString("http://127.0.0.1:9/x/cu128/libtorch-win-shared-with-deps-2.7.1%2Bcu128.zip");
        assertThatThrownBy(() -> LibtorchBuild.forPlatform("Mac OS X", "aarch64", BASE, Optional.empty()))
                .hasMessageContaining("no CUDA build of libtorch for Mac OS X");
    }

    @Test
    void tooOldADriverIsRefusedAndAnOlderTwelveRunsWithANote() {
        LibtorchBuild build = LibtorchBuild.forPlatform("Linux", "amd64", BASE, Optional.empty());
        GpuDetection t4 = GpuDetection.from(Optional.of("0, Tesla T4, 15109, 15000, 470.199.02"),
                Optional.of(canned("nvidia-smi-470.txt")), Map.of());
        assertThatThrownBy(() -> build.checkDriver(t4)).isInstanceOf(GpuSetupException.class)
                .hasMessageContaining("driver 470.199.02 supports CUDA 11.4")
                .hasMessageContaining("update the driver")
                .extracting(e -> ((GpuSetupException) e).reason()).isEqualTo(GpuSetupException.Reason.DRIVER_TOO_OLD);
        GpuDetection h100 = GpuDetection.from(Optional.of(canned("nvidia-smi-h100-query.csv")),
                Optional.of(canned("nvidia-smi-h100.txt")), Map.of());
        assertThat(build.checkDriver(h100)).hasValueSatisfying(n -> assertThat(n).contains("minor-version compatibility"));
        GpuDetection rtx = GpuDetection.from(Optional.of("0, NVIDIA GeForce RTX 4090, 24564, 23752, 570.133.07"),
                Optional.of(canned("nvidia-smi-4090-570.txt")), Map.of());
        assertThat(build.checkDriver(rtx)).isEmpty();
    }
}
